/**
 * `npm run bench:xmpp`: the presence fan-out workload through the proxy in XMPP mode, beside
 * Prosody alone, in one run against one real Prosody.
 *
 * One hot person (a standard XMPP client) changes presence `--changes` times per round, each
 * change sent once every watcher got the one before; `--rounds` rounds, medians reported.
 * Prosody alone: `--watchers` XMPP sessions, one account each, receive each change. Through the
 * proxy: as many WebSocket streams watch the hot person, held by as few people as the login
 * limits allow (each person on the proxy is one XMPP session; the proxy fans out). Both measure
 * deliveries per second; the aim is that the proxy adds at most 20% (its rate at least 1/1.2 of
 * Prosody's). The load generator shares the machine with both.
 *
 * Each watcher shares a roster group with the hot person alone: in one big group every
 * watcher's own presence would reach every other watcher (n² stanzas before the first change),
 * and resources of one account all hear each other's presence the same way (RFC 6121 §4.2.2).
 */
/// <reference path="../../packages/proxy/src/community/xmpp/xmpp-client.d.ts" />
import { performance } from 'node:perf_hooks';
import { LIMITS } from '@st/protocol';
import { xml } from '@xmpp/client';
import { login, TestSocket } from '../../packages/proxy/src/test-support.ts';
import { type ProsodyAccount, startProsody } from '../../packages/proxy/src/testing/prosody.ts';
import { startProxyProcess } from '../../packages/proxy/src/testing/proxy-process.ts';
import { XmppPerson } from '../../packages/proxy/src/testing/xmpp-client.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const watchers = option('watchers', 500);
const changes = option('changes', 20);
const rounds = option('rounds', 3);
/** Sessions and streams opened at once while setting up. */
const parallel = option('parallel', 50);
const PASSWORD = 'bench-secret';
const streamsPerPerson = LIMITS.loginsPerPerson * LIMITS.streamsPerLogin;
const proxyPeople = Math.ceil(watchers / streamsPerPerson);

const account = (id: string): ProsodyAccount => ({ id, password: PASSWORD, name: id });
const xmppWatchers = Array.from({ length: watchers }, (_, i) => `w${i}`);
const proxyWatchers = Array.from({ length: proxyPeople }, (_, i) => `v${i}`);
const accounts = [account('hot'), ...[...xmppWatchers, ...proxyWatchers].map(account)];
const groups = Object.fromEntries(
  [...xmppWatchers, ...proxyWatchers].map((id) => [`with-${id}`, ['hot', id]]),
);

/** Runs `work` for each item, at most `parallel` at once, answering the results in order. */
async function pool<T, R>(items: readonly T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
      if ((index + 1) % 1000 === 0) mark(`${index + 1} of ${items.length}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

let sequence = 0;
/** Rounds of `changes` changes, each once `delivered(n)` says every watcher has change n. */
async function measure(hot: XmppPerson, delivered: (n: number) => Promise<void>): Promise<number[]> {
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < changes; i++) {
      const n = ++sequence;
      await hot.send(
        xml('presence', {}, xml('show', {}, n % 2 ? 'away' : 'dnd'), xml('status', {}, `change ${n}`)),
      );
      await delivered(n);
    }
    rates.push((watchers * changes) / ((performance.now() - started) / 1000));
  }
  return rates;
}

const format = (rate: number) => Math.round(rate).toLocaleString('en');
const mark = (label: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${label}`);

const prosody = await startProsody({ accounts, groups });
try {
  let retries = 0;
  /** Signs in, trying again when a connection is reset while the server is busy (a load generator's lot). */
  const online = async (id: string): Promise<XmppPerson> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await XmppPerson.online({
          port: prosody.port,
          domain: prosody.domain,
          id,
          password: PASSWORD,
        });
      } catch (error) {
        if (attempt === 5) throw error;
        retries++;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  };

  // Prosody alone. The watchers sign in before the hot person, whose first presence then probes
  // watchers who are online rather than thousands of rosters of people who are not.
  mark(`opening ${watchers} XMPP sessions`);
  const sessions = await pool(xmppWatchers, (id) => online(id));
  const hot = await online('hot');
  if (retries > 0) mark(`${retries} sign-ins were tried again`);
  const heard = (s: XmppPerson, n: number) =>
    s.next((stanza) => stanza.is('presence') && stanza.getChildText('status') === `change ${n}`);
  mark('measuring Prosody alone');
  const alone = await measure(hot, (n) => Promise.all(sessions.map((s) => heard(s, n))).then(() => {}));
  await pool(sessions, (s) => s.stop());
  console.log(
    `Prosody alone:     median ${format(median(alone))} deliveries/s (${watchers} watchers; rounds ${alone.map(format).join(', ')})`,
  );

  // Through the proxy.
  // In a process of its own, as in production: the load generator's event loop (every watcher's
  // stream) must not delay the proxy's heartbeats and deliveries, nor the other way round.
  const proxy = await startProxyProcess({
    ST_COMMUNITY: prosody.url,
    ST_XMPP_DOMAIN: prosody.domain,
    ST_XMPP_TLS: 'off',
    ST_DIRECTORY: 'xmpp',
  });
  try {
    mark(`opening ${watchers} streams of ${proxyPeople} people`);
    const logins = Math.ceil(watchers / LIMITS.streamsPerLogin);
    // One after another: the proxy caps the password checks of one person under way at once.
    const tokens: string[] = [];
    for (let i = 0; i < logins; i++) {
      const person = proxyWatchers[Math.floor(i / LIMITS.loginsPerPerson)]!;
      tokens.push((await login(proxy.url, person, { password: PASSWORD })).token);
    }
    const sockets = await pool(Array.from({ length: watchers }), async (_, i) => {
      const socket = TestSocket.open(proxy.url, { token: tokens[Math.floor(i / LIMITS.streamsPerLogin)]! });
      await socket.hello();
      socket.send({ type: 'watch', id: 1, add: ['hot'] });
      await socket.next((f) => f.type === 'presence');
      return socket;
    });
    mark('measuring through the proxy');
    const through = await measure(hot, (n) =>
      Promise.all(
        sockets.map((s) =>
          s.next(
            (f) =>
              f.type === 'presence' &&
              f.presence.some((p: { message: string }) => p.message === `change ${n}`),
          ),
        ),
      ).then(() => {}),
    );
    console.log(
      `Through the proxy: median ${format(median(through))} deliveries/s (${watchers} streams; rounds ${through.map(format).join(', ')})`,
    );
    const ratio = median(through) / median(alone);
    console.log(
      `ratio ${ratio.toFixed(2)}; aim "the proxy adds at most 20%" (ratio ≥ 0.83): ${ratio >= 1 / 1.2 ? 'met' : 'MISSED'}`,
    );
    await pool(sockets, (s) => s.close());
  } finally {
    await proxy.stop();
  }
  await hot.stop();
} finally {
  await prosody.stop();
}
