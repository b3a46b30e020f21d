/** The business-card benchmark's table and aims. */
import { fmt, formatTable } from '../lib/report.ts';
import { percentile } from '../lib/stats.ts';
import type { CardsResult, PhaseFigures, VisitFigures } from './bench.ts';
import type { CallTally } from './card-network.ts';
import type { CardOpening } from './card-visits.ts';

export interface TimeSummary {
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export function timeSummary(values: readonly number[]): TimeSummary {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** Times to the name and title, and to the photo, of the cards that showed them. */
export function openingTimes(openings: readonly CardOpening[]): { shown: TimeSummary; photo: TimeSummary } {
  const numbers = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
  return {
    shown: timeSummary(numbers(openings.map((o) => o.shownMs))),
    photo: timeSummary(numbers(openings.map((o) => o.photoMs))),
  };
}

const OTHER_OPS = ['login', 'bind', 'search', 'health'] as const;

function statuses(tally: CallTally): string {
  const parts = Object.entries(tally.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${fmt(count)}×${status}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function times(summary: TimeSummary): string {
  return summary.count === 0 ? '–' : `${fmt(summary.p50, 1)} / ${fmt(summary.p95, 1)}`;
}

export function cardsTable(result: CardsResult): string {
  const phases: [PhaseFigures, VisitFigures][] = [
    [result.first.load, result.first],
    [result.first.cards, result.first],
    [result.second.load, result.second],
    [result.second.cards, result.second],
  ];
  const row = (label: string, pick: (phase: PhaseFigures) => string) => [
    label,
    ...phases.map(([phase]) => pick(phase)),
  ];
  const cardRow = (label: string, pick: (visit: VisitFigures) => string) => [
    label,
    '',
    pick(result.first),
    '',
    pick(result.second),
  ];
  const opened = (visit: VisitFigures) => openingTimes(visit.cards.openings);
  return formatTable([
    ['', 'first visit: load', 'first: cards', 'second visit: load', 'second: cards'],
    row('LDAP queries (proxy): people', (p) => fmt(p.queries.people ?? 0)),
    row('  photo', (p) => fmt(p.queries.photo ?? 0)),
    row('  login, bind, search, health', (p) => OTHER_OPS.map((op) => fmt(p.queries[op] ?? 0)).join(', ')),
    row('slapd: batch searches (people, largest)', (p) =>
      p.searches.batches === 0
        ? '0'
        : `${fmt(p.searches.batches)} (${fmt(p.searches.batchedPeople)}, ${fmt(p.searches.largestBatch)})`,
    ),
    row('slapd: one-person searches, other', (p) => `${fmt(p.searches.single)}, ${fmt(p.searches.other)}`),
    row(
      'calls for cards (/users?ids=)',
      (p) => `${fmt(p.calls.cards.requests)} (${fmt(p.calls.cards.ids)} ids)`,
    ),
    row('calls for one card (/users/{id})', (p) => fmt(p.calls.card.requests)),
    row('calls for photos (/photo)', (p) => `${fmt(p.calls.photo.requests)}${statuses(p.calls.photo)}`),
    row('photo bytes on the wire', (p) => fmt(p.calls.photo.bytes)),
    row(
      'CORS preflights (cards, photos)',
      (p) => `${fmt(p.calls.cards.preflights)}, ${fmt(p.calls.photo.preflights)}`,
    ),
    row('page: every status known (ms)', (p) =>
      'allKnownMs' in p ? fmt((p as VisitFigures['load']).allKnownMs ?? undefined) : '',
    ),
    cardRow('card open → name and title, p50 / p95 (ms)', (v) => times(opened(v).shown)),
    cardRow('card open → photo decoded, p50 / p95 (ms)', (v) => times(opened(v).photo)),
    cardRow('cards opened / that failed', (v) => {
      const failed = v.cards.openings.filter((o) => o.problem !== undefined).length;
      return `${fmt(v.cards.openings.length)} / ${fmt(failed)}`;
    }),
  ]);
}

export interface Aim {
  aim: string;
  value: number;
  met: boolean;
}

/** The aims, judged on this run. */
export function cardAims(result: CardsResult, names: number): Aim[] {
  const ldap = (phase: PhaseFigures) => Object.values(phase.queries).reduce((sum, n) => sum + n, 0);
  const batches = Math.ceil(names / 100);
  const firstPeople = (result.first.load.queries.people ?? 0) + (result.first.cards.queries.people ?? 0);
  const secondLdap = ldap(result.second.load) + ldap(result.second.cards);
  const secondPhotoBytes = result.second.load.calls.photo.bytes + result.second.cards.calls.photo.bytes;
  const secondCalls = [result.second.load, result.second.cards].reduce(
    (sum, phase) => sum + phase.calls.cards.requests + phase.calls.card.requests + phase.calls.photo.requests,
    0,
  );
  const failed = [...result.first.cards.openings, ...result.second.cards.openings].filter(
    (o) => o.problem !== undefined,
  ).length;
  return [
    {
      aim: `first visit: ≤ ${batches} LDAP queries for people (one per 100)`,
      value: firstPeople,
      met: firstPeople <= batches,
    },
    { aim: 'second visit: no LDAP query', value: secondLdap, met: secondLdap === 0 },
    { aim: 'second visit: no photo bytes', value: secondPhotoBytes, met: secondPhotoBytes === 0 },
    { aim: 'second visit: no call for a card or a photo', value: secondCalls, met: secondCalls === 0 },
    { aim: 'every card showed name and title', value: failed, met: failed === 0 },
  ];
}
