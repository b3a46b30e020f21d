import { mergePresence, type Presence, type SettableStatus, Status } from '@st/protocol';
import type { ChosenStatusStore } from '../store/types.ts';
import { type ChosenStatus, StatusStore } from './status-store.ts';
import type { CommunityHealth, CommunityServer, PresenceListener, SessionContribution } from './types.ts';

const DEFAULT_STATUS: ChosenStatus = { status: Status.Available, message: '' };

function samePresence(a: Presence | undefined, b: Presence): boolean {
  return a !== undefined && a.status === b.status && a.message === b.message && a.mobile === b.mobile;
}

/**
 * The community server inside the proxy's own process: the default for one proxy. It merges each
 * person's session kinds with their chosen status and tells listeners about watched people whose
 * merged presence changed. Chosen statuses survive a restart in the proxy's store (without one,
 * as in some tests, they last as long as the process).
 */
export class EmbeddedCommunity implements CommunityServer {
  private readonly sessions = new Map<string, readonly SessionContribution[]>();
  private chosen = new Map<string, ChosenStatus>();
  /** Last presence told to listeners, for every watched person. */
  private readonly watched = new Map<string, Presence>();
  private readonly listeners = new Set<PresenceListener>();
  private readonly store: StatusStore;
  private running = false;

  constructor(options: { statuses?: ChosenStatusStore } = {}) {
    this.store = new StatusStore(options.statuses, (userId) => this.chosen.get(userId));
  }

  async start(): Promise<void> {
    this.chosen = await this.store.load();
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.listeners.clear();
    await this.store.flush();
  }

  async health(): Promise<CommunityHealth> {
    return this.running ? { ok: true } : { ok: false, detail: 'not running' };
  }

  private presenceOf(userId: string): Presence {
    const sessions = this.sessions.get(userId);
    if (!sessions) return mergePresence(userId, '', []);
    const { status, message } = this.chosen.get(userId) ?? DEFAULT_STATUS;
    return mergePresence(
      userId,
      message,
      sessions.map((s) => ({ chosen: status, idle: s.idle, mobile: s.mobile })),
    );
  }

  private changed(userId: string): void {
    if (!this.watched.has(userId) || !this.running) return;
    const presence = this.presenceOf(userId);
    if (samePresence(this.watched.get(userId), presence)) return;
    this.watched.set(userId, presence);
    const changes = [presence];
    for (const listener of this.listeners) listener(changes);
  }

  async setSessions(userId: string, sessions: readonly SessionContribution[]): Promise<void> {
    if (sessions.length === 0) this.sessions.delete(userId);
    else this.sessions.set(userId, sessions);
    this.changed(userId);
  }

  async setStatus(userId: string, status: SettableStatus, message: string): Promise<void> {
    if (status === Status.Available && message === '') this.chosen.delete(userId);
    else this.chosen.set(userId, { status, message });
    this.store.changed(userId);
    this.changed(userId);
  }

  async watch(userIds: readonly string[]): Promise<Presence[]> {
    return userIds.map((id) => {
      const presence = this.presenceOf(id);
      this.watched.set(id, presence);
      return presence;
    });
  }

  async unwatch(userIds: readonly string[]): Promise<void> {
    for (const id of userIds) this.watched.delete(id);
  }

  async getPresence(userIds: readonly string[]): Promise<Presence[]> {
    return userIds.map((id) => this.presenceOf(id));
  }

  onPresence(listener: PresenceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
