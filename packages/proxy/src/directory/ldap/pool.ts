/**
 * A few long-lived connections bound as the service account, used in turn. LDAP multiplexes
 * operations on a connection, so a handful carry a busy proxy; a connection that drops (server
 * restart, idle timeout, operation timeout) is replaced on next use, bound again, never reused
 * unauthenticated.
 */
import { type Client, ResultCodeError } from 'ldapts';
import { DirectoryUnavailableError } from '../types.ts';
import { type ConnectionSettings, closeQuietly, openClient, unavailable } from './connection.ts';

export interface ServiceAccount {
  bindDn?: string | undefined;
  bindPassword?: string | undefined;
}

class ServiceConnection {
  private current: Promise<Client> | undefined;
  /** The client `current` resolved to, once it has. */
  private client: Client | undefined;

  constructor(
    private readonly settings: ConnectionSettings,
    private readonly account: ServiceAccount,
  ) {}

  /** A bound client: the current one while it is connected (or still connecting), else a new one. */
  connected(): Promise<Client> {
    if (this.current && (!this.client || this.client.isConnected)) return this.current;
    if (this.client) void closeQuietly(this.client);
    this.client = undefined;
    const attempt = this.open();
    this.current = attempt;
    attempt.then(
      (client) => {
        if (this.current === attempt) this.client = client;
        else void closeQuietly(client);
      },
      () => {
        // Callers already waiting share this failure; the next caller tries afresh.
        if (this.current === attempt) this.current = undefined;
      },
    );
    return attempt;
  }

  private async open(): Promise<Client> {
    let client: Client;
    try {
      client = await openClient(this.settings);
    } catch (error) {
      throw unavailable(error, 'connecting');
    }
    try {
      // An anonymous bind (empty DN and password) when there is no service account: it also
      // opens the connection, so the pool can tell a live one from a dropped one.
      await client.bind(this.account.bindDn ?? '', this.account.bindPassword ?? '');
      return client;
    } catch (error) {
      await closeQuietly(client);
      throw unavailable(error, 'binding as the service account');
    }
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.client = undefined;
    const client = await current?.catch(() => undefined);
    if (client) await closeQuietly(client);
  }
}

/** A socket that closed under an operation: not the server's answer, not a timeout, not a failed connect. */
function isDroppedConnection(error: unknown): boolean {
  return (
    error instanceof Error &&
    !(error instanceof ResultCodeError) &&
    !(error instanceof DirectoryUnavailableError) &&
    !/timed? ?out/i.test(error.message)
  );
}

export class ServicePool {
  private readonly connections: ServiceConnection[];
  private turn = 0;

  constructor(settings: ConnectionSettings, account: ServiceAccount, size: number) {
    this.connections = Array.from({ length: size }, () => new ServiceConnection(settings, account));
  }

  /**
   * Runs `operation` on the next connection; any failure is the directory being unavailable. A
   * connection the server closed just as it was used (an idle timeout) gets one more try on a
   * fresh one.
   */
  async use<T>(doing: string, operation: (client: Client) => Promise<T>): Promise<T> {
    const connection = this.connections[this.turn++ % this.connections.length]!;
    try {
      return await operation(await connection.connected());
    } catch (first) {
      if (!isDroppedConnection(first)) throw unavailable(first, doing);
      try {
        return await operation(await connection.connected());
      } catch (error) {
        throw unavailable(error, doing);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.close()));
  }
}
