/**
 * The people of the chat benchmark: each has a login, a WebSocket event stream and a 1:1
 * conversation with their partner. Every message text carries a mark (`bench:<n>;`) so the
 * receiving side knows which send it ends without a lookup by id.
 */
import { Agent, request } from 'node:http';
import { WS_BEARER_PREFIX, WS_PROTOCOL } from '@st/protocol/core';
import WebSocket from 'ws';

/**
 * Sends share a bounded pool of kept-alive connections, as a browser's would: an open loop that
 * outruns the proxy queues requests here instead of opening thousands of connections.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs JSON with node:http (fetch cannot bound its connections without another package). */
function postJson(url: string, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

export class BenchError extends Error {
  override name = 'BenchError';
}

const MARK = /"text":"bench:(\d+);/;

/** Called with the mark of each message a person receives from their partner, and when. */
export type OnReceive = (mark: number, at: number) => void;

export class ChatPerson {
  conversationId = '';
  private socket: WebSocket | undefined;

  constructor(
    readonly server: string,
    readonly id: string,
    readonly token: string,
  ) {}

  /** Opens the event stream and resolves at its `hello`. */
  connect(onReceive: OnReceive): Promise<void> {
    const url = `${this.server.replace(/^http/, 'ws')}/api/v1/ws`;
    const socket = new WebSocket(url, [WS_PROTOCOL, `${WS_BEARER_PREFIX}${this.token}`], {
      perMessageDeflate: false,
    });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"hello"')) resolve();
        // Only a partner's message counts; the echo of one's own send carries one's own id.
        if (!text.includes('"type":"message"') || text.includes(`"from":{"id":"${this.id}"`)) return;
        const match = MARK.exec(text);
        if (match) onReceive(Number(match[1]), performance.now());
      });
    });
  }

  async openIm(partner: string): Promise<void> {
    const response = await fetch(`${this.server}/api/v1/conversations/im/${partner}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status !== 200 && response.status !== 201) {
      throw new BenchError(`opening the 1:1 of ${this.id} with ${partner}: HTTP ${response.status}`);
    }
    this.conversationId = ((await response.json()) as { conversation: { id: string } }).conversation.id;
  }

  /** Sends message `mark`; resolves with the HTTP status once the proxy answered. */
  send(mark: number): Promise<number> {
    return postJson(
      `${this.server}/api/v1/conversations/${this.conversationId}/messages`,
      this.token,
      JSON.stringify({
        clientId: `b${mark}`,
        text: `bench:${mark}; the quick brown fox jumps over the lazy dog`,
      }),
    );
  }

  close(): void {
    this.socket?.close();
  }
}
