/**
 * The client side of the fan-out benchmark, the same for the proxy and for the raw broadcast
 * server: many WebSockets, each timestamping every message that carries a change mark. Receive
 * times use the system's monotonic clock (`process.hrtime`), which every process on the machine
 * shares, so the benchmark can compare them with the time it sent the change.
 */
import type { StClient } from '@st/client';
import WebSocket from 'ws';
import { markIn } from './marks.ts';
import { openSdkSession, serverOf } from './sdk-sessions.ts';
import type { ClientKind, FromWorker, SessionSpec, WorkerResults } from './worker-messages.ts';

interface ChangeReceipts {
  times: Float64Array;
  count: number;
  bytes: number;
}

/** Longest wait for one socket to open (and have its watch acknowledged). */
const OPEN_TIMEOUT_MS = 60_000;
const CLOSE_TIMEOUT_MS = 5_000;

class OpenError extends Error {
  override name = 'OpenError';
}

export class SocketHarness {
  private sockets: WebSocket[] = [];
  private clients: StClient[] = [];
  /** With SDK sessions: the size of the message that carried each change, seen by one socket. */
  private sizes = new Map<number, number>();
  private receipts = new Map<number, ChangeReceipts>();
  private live = 0;
  private closing = false;
  private closedEarly = 0;
  private cpuMark = process.cpuUsage();

  constructor(
    /** The shared clock's origin, from `process.hrtime.bigint()`. */
    private readonly clockBase: bigint,
    private readonly send: (message: FromWorker) => void,
  ) {}

  private get opened(): number {
    return this.sockets.length + this.clients.length;
  }

  /** Opens every session, `concurrency` at a time; answers how many opened and failed. */
  async open(
    url: string,
    sessions: readonly SessionSpec[],
    concurrency: number,
    client: ClientKind = 'raw',
  ): Promise<FromWorker> {
    this.sockets = [];
    this.clients = [];
    this.sizes = new Map();
    this.receipts = new Map();
    this.live = 0;
    this.closing = false;
    this.closedEarly = 0;
    let next = 0;
    let failed = 0;
    let firstError: string | undefined;
    // A server that refuses or hangs should end the run soon, not after every session timed out.
    const giveUpAfter = Math.max(10, Math.ceil(sessions.length / 100));
    const worker = async () => {
      while (next < sessions.length && failed < giveUpAfter) {
        const spec = sessions[next++]!;
        try {
          if (client === 'sdk') this.clients.push(await this.openClient(url, spec));
          else this.sockets.push(await this.openOne(url, spec));
          this.live++;
        } catch (error) {
          failed++;
          firstError ??= (error as Error).message;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    return { type: 'opened', open: this.opened, failed, ...(firstError ? { firstError } : {}) };
  }

  private openClient(url: string, spec: SessionSpec): Promise<StClient> {
    const sizing = this.clients.length === 0 ? this.sizes : undefined;
    return openSdkSession(
      serverOf(url),
      spec,
      { delivered: (change, received) => this.record(change, received, 0) },
      sizing,
    );
  }

  private openOne(url: string, spec: SessionSpec): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(spec.url ?? url, spec.protocols ?? [], { perMessageDeflate: false });
      let ready = false;
      const fail = (why: string) => {
        clearTimeout(timer);
        socket.terminate();
        reject(new OpenError(why));
      };
      const timer = setTimeout(() => fail('timed out opening'), OPEN_TIMEOUT_MS);
      const becomeReady = () => {
        ready = true;
        clearTimeout(timer);
        resolve(socket);
      };
      socket.on('error', (error) => {
        if (!ready) fail(error.message);
      });
      socket.on('unexpected-response', (_request, response) => fail(`HTTP ${response.statusCode}`));
      socket.on('close', (code, reason) => {
        if (!ready) fail(`closed ${code} ${reason.toString()}`);
        else this.onClosed();
      });
      socket.on('open', () => {
        if (!spec.watch) becomeReady();
        else socket.send(JSON.stringify({ type: 'watch', id: 1, add: spec.watch }));
      });
      socket.on('message', (data: Buffer) => {
        const received = process.hrtime.bigint();
        const change = markIn(data);
        if (change !== undefined) {
          this.record(change, received, data.length);
        } else if (!ready) {
          const text = data.toString();
          if (text.includes('"type":"ack"')) becomeReady();
          else if (text.includes('"type":"error"')) fail(`watch refused: ${text.slice(0, 200)}`);
        }
      });
    });
  }

  private record(change: number, received: bigint, bytes: number): void {
    let entry = this.receipts.get(change);
    if (!entry) {
      entry = { times: new Float64Array(this.opened), count: 0, bytes };
      this.receipts.set(change, entry);
    }
    if (entry.count >= entry.times.length) return;
    entry.times[entry.count++] = Number(received - this.clockBase) / 1e6;
    if (entry.count === this.live) this.send({ type: 'complete', change });
  }

  /** A socket closed on its own: changes now complete with one socket fewer. */
  private onClosed(): void {
    if (this.closing) return;
    this.closedEarly++;
    this.live--;
    for (const [change, entry] of this.receipts) {
      if (entry.count === this.live) this.send({ type: 'complete', change });
    }
  }

  mark(): void {
    this.cpuMark = process.cpuUsage();
  }

  results(): WorkerResults {
    const cpu = process.cpuUsage(this.cpuMark);
    return {
      type: 'results',
      receipts: [...this.receipts].map(([change, entry]) => [change, entry.times.slice(0, entry.count)]),
      messageBytes: [...this.receipts].map(([change, entry]) => [
        change,
        this.sizes.get(change) ?? entry.bytes,
      ]),
      cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
      closedEarly: this.closedEarly,
    };
  }

  /** Closes every socket politely, and cuts those that have not finished closing in time. */
  async close(): Promise<void> {
    this.closing = true;
    for (const client of this.clients) client.close();
    this.clients = [];
    const open = this.sockets.filter((s) => s.readyState !== WebSocket.CLOSED);
    await new Promise<void>((resolve) => {
      let left = open.length;
      if (left === 0) resolve();
      const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      for (const socket of open) {
        socket.once('close', () => {
          if (--left === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
        socket.close(1000, 'bench done');
      }
    });
    for (const socket of this.sockets) socket.terminate();
    this.sockets = [];
  }
}
