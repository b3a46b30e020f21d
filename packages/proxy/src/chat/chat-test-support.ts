/** Helpers for the chat tests: a person with a token and (when online) an event stream. */
import type { ConversationSummary, ErrorBody } from '@st/protocol';
import { type Frame, login, request, type TestSession, TestSocket } from '../test-support.ts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A logged-in person of the demo directory, talking to one proxy. */
export class Person {
  socket: TestSocket | undefined;

  private constructor(
    readonly base: string,
    readonly session: TestSession,
  ) {}

  static async login(base: string, userId: string): Promise<Person> {
    return new Person(base, await login(base, userId));
  }

  get id(): string {
    return this.session.userId;
  }

  async call<T = unknown>(method: string, path: string, json?: unknown): Promise<Answer<T>> {
    const response = await request(this.base, `/api/v1${path}`, {
      method,
      token: this.session.token,
      ...(json === undefined ? {} : { json }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as T,
      headers: response.headers,
    };
  }

  /** Opens an event stream and waits for its hello. */
  async connect(): Promise<TestSocket> {
    const socket = TestSocket.open(this.base, { token: this.session.token });
    await socket.hello();
    this.socket = socket;
    return socket;
  }

  /** Waits for the next event of `type` on the open stream that matches. */
  event(type: string, match: (frame: Frame) => boolean = () => true, from = 0): Promise<Frame> {
    if (!this.socket) throw new Error(`${this.id} has no open stream`);
    return this.socket.next((f) => f.type === type && match(f), from);
  }

  /** Events of `type` received so far. */
  events(type: string): Frame[] {
    return (this.socket?.frames ?? []).filter((f) => f.type === type);
  }

  async disconnect(): Promise<void> {
    await this.socket?.close();
    this.socket = undefined;
  }

  async openIm(peer: string): Promise<ConversationSummary> {
    const answer = await this.call<{ conversation: ConversationSummary }>('PUT', `/conversations/im/${peer}`);
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`open im: ${answer.status}`);
    return answer.body.conversation;
  }

  async send(conversationId: string, text: string, clientId?: string) {
    return this.call<{ message: Frame }>('POST', `/conversations/${conversationId}/messages`, {
      text,
      ...(clientId ? { clientId } : {}),
    });
  }
}

export function codeOf(answer: Answer): string | undefined {
  return (answer.body as ErrorBody | undefined)?.error?.code;
}
