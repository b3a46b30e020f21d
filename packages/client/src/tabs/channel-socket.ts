/**
 * A follower tab's stream: a WebSocket look-alike whose other end is the leading tab, over the
 * group's BroadcastChannel. The stream connection drives it like a real socket (the leader's
 * hello, then the stream's frames, then a close), so resuming, sequencing and reconnecting work
 * the same in every tab.
 */
import type { WebSocketLike } from '../types.ts';
import type { TabMessage } from './tab-messages.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

export interface ChannelSocketLink {
  readonly tab: string;
  post(message: TabMessage): void;
  forget(socket: ChannelSocket): void;
}

export class ChannelSocket implements WebSocketLike {
  readyState = CONNECTING;
  onopen: ((event: never) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: never) => void) | null = null;
  /** The leading tab that greeted this socket; frames from any other are not for it. */
  leader: string | undefined;

  constructor(
    private readonly link: ChannelSocketLink,
    readonly id: number,
    private readonly resume: { streamId?: string; since?: number },
  ) {
    this.ask();
  }

  /** Asks whoever leads to serve this socket (again, when a new leader appears before an answer). */
  ask(): void {
    this.link.post({ kind: 'connect', tab: this.link.tab, socket: this.id, ...this.resume });
  }

  send(data: string): void {
    if (this.readyState === OPEN) this.link.post({ kind: 'send', tab: this.link.tab, socket: this.id, data });
  }

  close(): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.link.post({ kind: 'bye', tab: this.link.tab, socket: this.id });
    this.link.forget(this);
  }

  /** A frame of its own from the leader (the hello first). */
  reply(leader: string, data: string): void {
    if (this.readyState === CLOSED) return;
    if (this.readyState === CONNECTING) {
      this.leader = leader;
      this.readyState = OPEN;
    }
    if (leader === this.leader) this.onmessage?.({ data });
  }

  /** A frame of the stream, sent to every follower of `leader`. */
  frame(leader: string, data: string): void {
    if (this.readyState === OPEN && leader === this.leader) this.onmessage?.({ data });
  }

  /** The other end went away: close as a socket would. */
  end(code: number, reason: string): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.link.forget(this);
    this.onclose?.({ code, reason });
  }
}

/** The `?stream=&since=` a stream connection puts on its URL to resume. */
export function resumeOf(url: string): { streamId?: string; since?: number } {
  const query = url.indexOf('?');
  if (query < 0) return {};
  const params = new URLSearchParams(url.slice(query + 1));
  const streamId = params.get('stream') ?? undefined;
  const since = Number(params.get('since'));
  return streamId ? { streamId, since: Number.isInteger(since) ? since : 0 } : {};
}
