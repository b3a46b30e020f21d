/**
 * The stream registry as chat needs it: whether a person has a live stream now (connected, or
 * within its grace period, when a resume would replay what it missed), and a hook for each new
 * stream of a logged-in person, where what waited for them offline is delivered.
 */
import type { Login } from '../auth/logins.ts';
import { Listeners } from '../listeners.ts';
import { type ResumeRequest, StreamRegistry } from '../stream/registry.ts';
import type { Stream } from '../stream/stream.ts';
import type { Transport } from '../stream/transport.ts';

export class ChatStreamRegistry extends StreamRegistry {
  /** Live streams per person (only logged-in streams count). */
  private readonly liveByPerson = new Map<string, number>();
  private readonly counted = new WeakSet<Stream>();
  private readonly newStreams = new Listeners<[Stream]>();

  /** Hears every new (not resumed) stream of a login, after its `hello`; answers how to stop. */
  subscribe(listener: (stream: Stream) => void): () => void {
    return this.newStreams.subscribe(listener);
  }

  /** True while the person has a stream here that will get (or replay) an event sent now. */
  isLiveHere(userId: string): boolean {
    return (this.liveByPerson.get(userId) ?? 0) > 0;
  }

  /** True while the person has such a stream on any proxy of the cluster. */
  isLive(userId: string): boolean {
    return this.isLiveHere(userId) || this.options.reach.liveElsewhere(userId);
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
      this.options.reach.changed(login.userId);
      this.newStreams.emit(stream);
    }
    return opened;
  }

  override end(stream: Stream, code: number, reason: string): void {
    if (this.counted.delete(stream) && stream.login) {
      const userId = stream.login.userId;
      const left = (this.liveByPerson.get(userId) ?? 1) - 1;
      if (left > 0) this.liveByPerson.set(userId, left);
      else this.liveByPerson.delete(userId);
      this.options.reach.changed(userId);
    }
    super.end(stream, code, reason);
  }
}
