/** The live-names benchmark's table. */
import { fmt, formatTable } from '../lib/report.ts';
import type { ScriptSize } from './bundle.ts';
import type { LoadFigures } from './page-load.ts';

function jsOnWire(load: LoadFigures): string {
  const scripts = load.traffic.scripts;
  const bytes = scripts.reduce((n, s) => n + s.transferBytes, 0);
  const cached = scripts.filter((s) => s.fromCache).length;
  return `${fmt(bytes)}${cached > 0 ? ` (${cached} from cache)` : ''}`;
}

export function liveNamesTable(
  names: number,
  cold: LoadFigures,
  warm: LoadFigures,
  sizes: ScriptSize[],
): string {
  const both = (pick: (load: LoadFigures) => string, label: string) => [label, pick(cold), pick(warm)];
  const ms = (value: number | null) => fmt(value ?? undefined);
  const table = formatTable([
    ['', 'cold load', 'warm load'],
    both((l) => `${l.traffic.watchFrames} (${fmt(l.traffic.watchIds)} ids)`, 'watch frames sent'),
    both((l) => `${l.traffic.wsFramesSent}/${l.traffic.wsFramesReceived}`, 'WebSocket frames sent/received'),
    both((l) => ms(l.times.definedAt), 'elements defined (ms)'),
    both((l) => ms(l.traffic.timeline.socketCreated), 'WebSocket opened (ms)'),
    both((l) => ms(l.traffic.timeline.helloReceived), 'hello received (ms)'),
    both(
      (l) => `${ms(l.traffic.timeline.firstWatchSent)}–${ms(l.traffic.timeline.lastWatchSent)}`,
      'watch frames sent (ms)',
    ),
    both(
      (l) => `${ms(l.traffic.timeline.firstPresenceReceived)}–${ms(l.traffic.timeline.lastPresenceReceived)}`,
      'presence received (ms)',
    ),
    both((l) => ms(l.times.firstKnownAt), 'first status known (ms)'),
    both((l) => ms(l.times.allKnownAt), `all ${fmt(names)} statuses known (ms)`),
    both((l) => `${l.traffic.nameRequests} (${fmt(l.traffic.nameIds)} ids)`, 'calls for names (/users?ids=)'),
    both((l) => String(l.traffic.namePreflights), '  CORS preflights before them'),
    both(
      (l) => `${ms(l.traffic.timeline.firstNameRequest)}–${ms(l.traffic.timeline.lastNameResponse)}`,
      'calls for names, first sent–last answered (ms)',
    ),
    both((l) => String(l.traffic.httpRequests), 'HTTP requests in all'),
    both((l) => fmt(l.mainThread.task), 'main thread busy (ms)'),
    both(
      (l) => `${fmt(l.mainThread.script)}/${fmt(l.mainThread.styleRecalc)}/${fmt(l.mainThread.layout)}`,
      '  of which script/style/layout (ms)',
    ),
    both(jsOnWire, 'JavaScript on the wire (bytes)'),
  ]);
  const bundle = sizes
    .map((s) => `${new URL(s.url).pathname}: ${fmt(s.bytes)} bytes, ${fmt(s.gzipBytes)} gzip'd`)
    .join('; ');
  const encodings = [...new Set(cold.traffic.scripts.map((s) => s.contentEncoding ?? 'none'))].join(', ');
  return `${table}\n\nJavaScript from the proxy: ${bundle} (served with content-encoding: ${encodings}; gzip level 6 computed here)`;
}
