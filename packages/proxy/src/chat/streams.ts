/**
 * The stream registry as chat needs it: whether a person has a live stream now (connected, or
 * within its grace period, when a resume would replay what it missed), and a hook for each new
 * stream of a logged-in person, where what waited for them offline is delivered.
 */
import type { Login } from '../auth/logins.ts';
import { type ResumeRequest, StreamRegistry } from '../stream/registry.ts';
import type { Stream } from '../stream/stream.ts';
import type { Transport } from '../stream/transport.ts';

export class ChatStreamRegistry extends StreamRegistry {
  /** Live streams per person (only logged-in streams count). */
  private readonly liveByPerson = new Map<string, number>();
  private readonly counted = new WeakSet<Stream>();
  /** Told of every new (not resumed) stream of a login, after its `hello`. */
  onNewStream: (stream: Stream) => void = () => {};

  /** True while the person has a stream that will get (or replay) an event sent now. */
  isLive(userId: string): boolean {
    return (this.liveByPerson.get(userId) ?? 0) > 0;
  }

  override open(
    login: Login | null,
    resume: ResumeRequest,
    transport: Transport,
  ): { stream: Stream; recovered: boolean } {
    const opened = super.open(login, resume, transport);
    const { stream } = opened;
    if (login && !this.counted.has(stream) && !stream.ended) {
      this.counted.add(stream);
      this.liveByPerson.set(login.userId, (this.liveByPerson.get(login.userId) ?? 0) + 1);
      this.onNewStream(stream);
    }
    return opened;
  }

  override end(stream: Stream, code: number, reason: string): void {
    if (this.counted.delete(stream) && stream.login) {
      const userId = stream.login.userId;
      const left = (this.liveByPerson.get(userId) ?? 1) - 1;
      if (left > 0) this.liveByPerson.set(userId, left);
      else this.liveByPerson.delete(userId);
    }
    super.end(stream, code, reason);
  }
}
