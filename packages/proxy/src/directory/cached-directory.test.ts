import type { BusinessCard, ContactGroup, DirectoryPerson, UserSummary } from '@st/protocol';
import { describe, expect, it } from 'vitest';
import { CachedDirectory } from './cached-directory.ts';
import { type Directory, type DirectoryHealth, DirectoryUnavailableError, type Photo } from './types.ts';

/**
 * A directory of `p0`…`p999` that records every call, answers when the test releases it, and can
 * be switched off (then it throws DirectoryUnavailableError like an unreachable LDAP server).
 */
class RecordingDirectory implements Directory {
  readonly caseInsensitiveIds: boolean;
  readonly peopleCalls: string[][] = [];
  searchCalls = 0;
  photoCalls = 0;
  down = false;
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => {};

  constructor(options: { caseInsensitiveIds?: boolean } = {}) {
    this.caseInsensitiveIds = options.caseInsensitiveIds ?? false;
  }

  /** Holds every answer until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }

  release(): void {
    this.open();
  }

  private async answer<T>(value: () => T): Promise<T> {
    await this.gate;
    if (this.down) throw new DirectoryUnavailableError('down');
    return value();
  }

  private known(id: string): string | undefined {
    const canonical = this.caseInsensitiveIds ? id.toLowerCase() : id;
    return /^p\d{1,3}$/.test(canonical) ? canonical : undefined;
  }

  authenticate(): Promise<UserSummary | null> {
    return Promise.resolve(null);
  }

  getPeople(ids: readonly string[]): Promise<BusinessCard[]> {
    this.peopleCalls.push([...ids]);
    return this.answer(() =>
      ids.flatMap((id) => {
        const known = this.known(id);
        return known ? [{ id: known, displayName: `Person ${known}`, hasPhoto: false }] : [];
      }),
    );
  }

  search(query: string): Promise<DirectoryPerson[]> {
    this.searchCalls++;
    return this.answer(() => [{ id: 'p1', displayName: `match for ${query}` }]);
  }

  photo(): Promise<Photo | null> {
    this.photoCalls++;
    return this.answer(() => null);
  }

  contacts(): Promise<ContactGroup[]> {
    return Promise.resolve([]);
  }

  health(): Promise<DirectoryHealth> {
    return Promise.resolve({ ok: !this.down });
  }
}

function clock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `p${from + i}`);

describe('CachedDirectory', () => {
  it('asks for every miss of one turn together, at most 100 people per query', async () => {
    const inner = new RecordingDirectory();
    const cached = new CachedDirectory(inner, { ttlMs: 60_000, missTtlMs: 10_000 });
    const [a, b, c] = await Promise.all([
      cached.getPeople(ids(0, 150)),
      cached.getPeople(ids(100, 150)),
      cached.getPeople(['p5', 'nobody']),
    ]);
    expect(a).toHaveLength(150);
    expect(b.map((card) => card.id)).toEqual(ids(100, 150));
    expect(c.map((card) => card.id)).toEqual(['p5']);
    // 251 distinct ids (p0…p249 and nobody) in 3 queries: 100, 100, 51.
    expect(inner.peopleCalls.map((call) => call.length)).toEqual([100, 100, 51]);
    expect(new Set(inner.peopleCalls.flat()).size).toBe(251);
  });

  it('answers cached people, and people known to be missing, without asking again', async () => {
    const inner = new RecordingDirectory();
    const time = clock();
    const cached = new CachedDirectory(inner, { ttlMs: 60_000, missTtlMs: 10_000, now: time.now });
    await cached.getPeople(['p1', 'ghost']);
    expect(await cached.getPeople(['p1', 'ghost'])).toEqual([
      { id: 'p1', displayName: 'Person p1', hasPhoto: false },
    ]);
    expect(inner.peopleCalls).toHaveLength(1);

    time.advance(10_000); // "no such person" has expired, the card has not
    await cached.getPeople(['p1', 'ghost']);
    expect(inner.peopleCalls.at(-1)).toEqual(['ghost']);
    time.advance(50_000);
    await cached.getPeople(['p1']);
    expect(inner.peopleCalls.at(-1)).toEqual(['p1']);
    expect(inner.peopleCalls).toHaveLength(3);
  });

  it('shares one query among concurrent lookups of the same person', async () => {
    const inner = new RecordingDirectory();
    const cached = new CachedDirectory(inner, { ttlMs: 60_000, missTtlMs: 10_000 });
    inner.hold();
    const first = cached.getPeople(['p7']);
    // Let the first lookup's query go out, then ask again while it is still in flight.
    await new Promise((resolve) => setImmediate(resolve));
    expect(inner.peopleCalls).toEqual([['p7']]);
    const later = Array.from({ length: 10 }, () => cached.getPeople(['p7', 'p8']));
    inner.release();
    const answers = await Promise.all([first, ...later]);
    expect(answers.every((cards) => cards.some((card) => card.id === 'p7'))).toBe(true);
    // p7 once (the first query); p8 once (the later lookups, gathered in one turn).
    expect(inner.peopleCalls).toEqual([['p7'], ['p8']]);
  });

  it('maps cards back to the asked spelling when the directory ignores case', async () => {
    const inner = new RecordingDirectory({ caseInsensitiveIds: true });
    const cached = new CachedDirectory(inner, { ttlMs: 60_000, missTtlMs: 10_000 });
    expect((await cached.getPeople(['P3'])).map((card) => card.id)).toEqual(['p3']);
    const strict = new CachedDirectory(new RecordingDirectory(), { ttlMs: 60_000, missTtlMs: 10_000 });
    expect(await strict.getPeople(['P3'])).toEqual([]);
  });

  it('never caches a failure, and serves cards it had while the directory is down', async () => {
    const inner = new RecordingDirectory();
    const time = clock();
    const cached = new CachedDirectory(inner, { ttlMs: 60_000, missTtlMs: 10_000, now: time.now });
    await cached.getPeople(['p1']);
    time.advance(120_000);
    inner.down = true;
    expect((await cached.getPeople(['p1'])).map((card) => card.id)).toEqual(['p1']);
    await expect(cached.getPeople(['p2'])).rejects.toBeInstanceOf(DirectoryUnavailableError);
    inner.down = false;
    expect((await cached.getPeople(['p2'])).map((card) => card.id)).toEqual(['p2']);
  });

  it('coalesces and briefly caches searches, coalesces photos, and shares health checks', async () => {
    const inner = new RecordingDirectory();
    const time = clock();
    const cached = new CachedDirectory(inner, {
      ttlMs: 60_000,
      missTtlMs: 10_000,
      searchTtlMs: 5000,
      now: time.now,
    });
    await Promise.all([cached.search('ann', 10), cached.search('Ann ', 10)]);
    await cached.search('ann', 10);
    expect(inner.searchCalls).toBe(1);
    await cached.search('ann', 5);
    expect(inner.searchCalls).toBe(2);
    time.advance(5000);
    await cached.search('ann', 10);
    expect(inner.searchCalls).toBe(3);

    inner.hold();
    const photos = Promise.all([cached.photo('p1'), cached.photo('p1')]);
    inner.release();
    await photos;
    expect(inner.photoCalls).toBe(1);

    inner.down = true;
    expect(await cached.health()).toEqual({ ok: false });
    inner.down = false;
    expect(await cached.health()).toEqual({ ok: false });
    time.advance(1000);
    expect(await cached.health()).toEqual({ ok: true });
  });
});
