/**
 * Opening LDAP connections with ldapts: TLS from the start for `ldaps://`, StartTLS when asked,
 * the CA of ST_LDAP_CA_FILE, and timeouts on connecting and on every operation. Failures that
 * mean "the server cannot be reached or used" become DirectoryUnavailableError.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError } from 'ldapts';
import { DirectoryUnavailableError } from '../types.ts';

export interface ConnectionSettings {
  /** `ldap://host:port` or `ldaps://host:port`. */
  url: string;
  startTls: boolean;
  caFile?: string | undefined;
  timeoutMs: number;
  connectTimeoutMs: number;
}

/** Node's TLS options for the server: its name checked against the certificate, our CA if given. */
export function tlsOptionsFor(settings: ConnectionSettings): ConnectionOptions {
  const host = new URL(settings.url).hostname.replace(/^\[|\]$/g, '');
  const options: ConnectionOptions = { host, minVersion: 'TLSv1.2' };
  // SNI carries names only; an IP address is still checked against the certificate's IP entries.
  if (!isIP(host)) options.servername = host;
  if (settings.caFile) options.ca = [readFileSync(settings.caFile)];
  return options;
}

/**
 * A connected client, upgraded with StartTLS when the settings ask for it, not yet bound. Closed
 * again when the upgrade fails.
 */
export async function openClient(settings: ConnectionSettings): Promise<Client> {
  const secure = settings.url.toLowerCase().startsWith('ldaps:');
  const client = new Client({
    url: settings.url,
    timeout: settings.timeoutMs,
    connectTimeout: settings.connectTimeoutMs,
    // Only for ldaps://: ldapts opens TLS at once whenever it is given TLS options.
    ...(secure ? { tlsOptions: tlsOptionsFor(settings) } : {}),
  });
  try {
    if (settings.startTls) await client.startTLS(tlsOptionsFor(settings));
    return client;
  } catch (error) {
    await closeQuietly(client);
    throw error;
  }
}

export async function closeQuietly(client: Client): Promise<void> {
  await client.unbind().catch(() => {});
}

/** A wrong password (or a locked, expired or disabled account: AD answers all of them with 49). */
export function isBadCredentials(error: unknown): boolean {
  return error instanceof InvalidCredentialsError;
}

/** The error the API answers 503 for, keeping what went wrong for the log. */
export function unavailable(error: unknown, doing: string): DirectoryUnavailableError {
  if (error instanceof DirectoryUnavailableError) return error;
  const reason = (error as Error)?.message?.split('\n')[0] ?? String(error);
  return new DirectoryUnavailableError(`LDAP ${doing} failed: ${reason}`, { cause: error });
}
