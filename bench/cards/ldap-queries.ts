/**
 * What the directory server was asked, seen from both ends: the proxy's count by operation
 * (`st_directory_queries_total{op}` on /metrics) and the searches slapd itself logged, sorted into
 * card batches (`(|(uid=a)(uid=b)…)`, with how many people each named), lookups of one person
 * (a login finding its DN, a photo, a card of one) and anything else (health checks).
 */

/** `st_directory_queries_total` by `op`, from a Prometheus text page. */
export function directoryQueries(metricsText: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of metricsText.matchAll(/^st_directory_queries_total\{op="([^"]+)"\} (\S+)$/gm)) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

/** `after - before` for every key of either (a key missing from one counts as 0). */
export function countsSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries([...keys].map((key) => [key, (after[key] ?? 0) - (before[key] ?? 0)]));
}

export interface LoggedSearches {
  /** Searches for several people at once (one `(|(uid=…)…)` filter each). */
  batches: number;
  /** People those batches named, in all and at most in one. */
  batchedPeople: number;
  largestBatch: number;
  /** Searches for one person: finding a login's entry, a photo, or a card of one. */
  single: number;
  other: number;
}

const BATCH = /\(\|(\(uid=[^)]*\))+\)/;
const ONE_PERSON = /^\(&\([^()]*\)\(uid=[^)]*\)\)$/;

/** Sorts the filters slapd logged (see `Slapd.searches()`). */
export function classifySearches(filters: readonly string[]): LoggedSearches {
  const found: LoggedSearches = { batches: 0, batchedPeople: 0, largestBatch: 0, single: 0, other: 0 };
  for (const filter of filters) {
    const batch = BATCH.exec(filter);
    if (batch) {
      const people = batch[0].match(/\(uid=/g)?.length ?? 0;
      found.batches++;
      found.batchedPeople += people;
      found.largestBatch = Math.max(found.largestBatch, people);
    } else if (ONE_PERSON.test(filter)) {
      found.single++;
    } else {
      found.other++;
    }
  }
  return found;
}
