/**
 * SDK clients under load through a cluster's balancer, for the cluster tests and
 * `npm run bench:cluster`: N clients (each a person with a login, a WebSocket stream and a 1:1
 * conversation with a partner), each watching the probe person and a few others, while messages
 * go out at a steady rate through the clients' outboxes. It records what the issue's questions
 * need: which proxy each stream is on (`X-ST-Node` of the upgrade), when each client is connected
 * again, whether any was asked to log in again, every acknowledged message, and what each client
 * shows.
 */
import type { ChatMessage } from '@st/protocol/core';
import WebSocket from 'ws';
import type { TimelineMessage } from '../chat/chat-types.ts';
import { createClient } from '../create-client.ts';
import type { StClient } from '../types.ts';

export interface LoadOptions {
  server: string;
  /** The people's ids, one client each (an even number: partners are neighbours). */
  people: readonly string[];
  password: string;
  /** People each client watches besides the probe (the first person). */
  watchEach?: number;
  log?: (line: string) => void;
}

export interface LoadClient {
  id: string;
  partner: string;
  client: StClient;
  /** The proxy of the current stream (from its upgrade). */
  node: string | undefined;
  connected: boolean;
  /** When the client last became connected (performance.now()). */
  connectedAt: number;
  /** Times the SDK said the login was gone. */
  forcedLogins: number;
  /** What the client shows of its 1:1 conversation, latest. */
  shown: TimelineMessage[];
  /** The probe person's status message as this client sees it. */
  probeSeen: string | undefined;
  watched: Map<string, string>;
}

export interface Acked {
  from: string;
  to: string;
  message: ChatMessage;
}

/** A ws WebSocket that notes the proxy that accepted it. */
function recordingWebSocket(onNode: (node: string) => void) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.once('upgrade', (response) => onNode(String(response.headers['x-st-node'] ?? '')));
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ClusterLoad {
  readonly clients: LoadClient[] = [];
  readonly acked: Acked[] = [];
  /** Sends that failed for good (the outbox gave up): none is expected. */
  readonly failed: string[] = [];
  private sending = false;
  private inFlight = new Set<Promise<void>>();
  private sent = 0;

  private constructor(private readonly options: LoadOptions) {}

  static async start(options: LoadOptions): Promise<ClusterLoad> {
    const load = new ClusterLoad(options);
    await load.connectAll();
    return load;
  }

  private async connectAll(): Promise<void> {
    const { people, password } = this.options;
    const probe = people[0]!;
    const watchEach = this.options.watchEach ?? 5;
    // Logins in small batches: a login's password check is the costliest request there is.
    for (let start = 0; start < people.length; start += 20) {
      await Promise.all(
        people.slice(start, start + 20).map(async (id, offset) => {
          const index = start + offset;
          const partner = people[index ^ 1] ?? people[0]!;
          const entry: LoadClient = {
            id,
            partner,
            client: undefined as unknown as StClient,
            node: undefined,
            connected: false,
            connectedAt: 0,
            forcedLogins: 0,
            shown: [],
            probeSeen: undefined,
            watched: new Map(),
          };
          entry.client = createClient({
            server: this.options.server,
            storage: false,
            WebSocket: recordingWebSocket((node) => {
              entry.node = node;
            }),
          });
          entry.client.state$.subscribe((state) => {
            const connected = state.status === 'connected';
            if (connected && !entry.connected) entry.connectedAt = performance.now();
            entry.connected = connected;
            if (state.status === 'unauthenticated') entry.forcedLogins++;
          });
          await entry.client.login(id, password);
          entry.client.presence(probe).subscribe((p) => {
            entry.probeSeen = p.message ?? '';
          });
          for (let k = 1; k <= watchEach; k++) {
            const other = people[(index + k * 7) % people.length]!;
            if (other === id || other === probe) continue;
            entry.client.presence(other).subscribe((p) => entry.watched.set(other, p.status));
          }
          entry.client.chat.im(partner).messages$.subscribe((shown) => {
            entry.shown = shown;
          });
          this.clients.push(entry);
        }),
      );
    }
    await this.until(
      () => this.clients.every((c) => c.connected && c.node),
      120_000,
      'every client connected',
    );
  }

  /** Sends `perSecond` messages a second, each from a random client to its partner, until `stopSending`. */
  startSending(perSecond: number): void {
    this.sending = true;
    const pause = 1000 / perSecond;
    void (async () => {
      let next = performance.now();
      while (this.sending) {
        const from = this.clients[Math.floor(Math.random() * this.clients.length)]!;
        const n = ++this.sent;
        const sending = from.client.chat
          .im(from.partner)
          .send(`load ${n} from ${from.id}`)
          .then(
            (message) => {
              this.acked.push({ from: from.id, to: from.partner, message });
            },
            (error: unknown) => {
              this.failed.push(`${n}: ${String(error)}`);
            },
          );
        this.inFlight.add(sending);
        void sending.finally(() => this.inFlight.delete(sending));
        next += pause;
        await sleep(Math.max(0, next - performance.now()));
      }
    })();
  }

  /** Stops sending and waits until every message sent is acknowledged (or failed for good). */
  async stopSending(): Promise<void> {
    this.sending = false;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  get sentCount(): number {
    return this.sent;
  }

  /** The clients whose stream is on `node` now. */
  on(node: string): LoadClient[] {
    return this.clients.filter((c) => c.node === node);
  }

  /** Polls until `check` holds; throws after `timeoutMs` naming `what`. */
  async until(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
    const started = performance.now();
    while (!check()) {
      if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await sleep(25);
    }
    return performance.now() - started;
  }

  /**
   * Every acknowledged message shown exactly once by its recipient and its sender (by id), and no
   * message shown twice anywhere: the problems found, none when all is well.
   */
  deliveryProblems(): string[] {
    const problems: string[] = [];
    const byId = new Map(this.clients.map((c) => [c.id, c]));
    for (const client of this.clients) {
      const ids = client.shown.map((m) => m.id);
      if (new Set(ids).size !== ids.length) problems.push(`${client.id} shows a message twice`);
    }
    for (const { from, to, message } of this.acked) {
      for (const viewer of [byId.get(to)!, byId.get(from)!]) {
        const count = viewer.shown.filter((m) => m.id === message.id).length;
        if (count !== 1) problems.push(`${viewer.id} shows ${message.id} ${count} times`);
      }
    }
    return problems;
  }

  close(): void {
    this.sending = false;
    for (const { client } of this.clients) client.close();
  }
}
