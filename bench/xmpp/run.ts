/**
 * `npm run bench:xmpp`: the presence fan-out workload through the proxy in XMPP mode, beside
 * Prosody alone, in one run against one real Prosody.
 *
 * One hot person (a standard XMPP client) changes presence `--changes` times, each change sent
 * once every watcher got the one before. Prosody alone: `--watchers` XMPP sessions (resources of
 * one account in the hot person's shared group) receive each change. Through the proxy: the same
 * number of WebSocket streams of one login watch the hot person; the proxy holds one XMPP session
 * and fans out. Both measure deliveries per second; the aim is that the proxy adds at most 20%
 * (its rate at least 1/1.2 of Prosody's). The load generator shares the machine with both.
 */
/// <reference path="../../packages/proxy/src/community/xmpp/xmpp-client.d.ts" />
import { performance } from 'node:perf_hooks';
import { LIMITS } from '@st/protocol';
import { xml } from '@xmpp/client';
import { login, TestSocket } from '../../packages/proxy/src/test-support.ts';
import { startProsody } from '../../packages/proxy/src/testing/prosody.ts';
import { XmppPerson } from '../../packages/proxy/src/testing/xmpp-client.ts';
import { startTestProxy } from '../../packages/proxy/src/testing.ts';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const watchers = option('watchers', 500);
const changes = option('changes', 40);
const accounts = [
  { id: 'hot', password: 'hot-secret', name: 'Hot Person' },
  { id: 'watcher', password: 'watcher-secret', name: 'Watcher' },
];

/** Sends `changes` presence changes, each once `delivered(n)` says every watcher has change n. */
async function measure(hot: XmppPerson, delivered: (n: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  for (let n = 1; n <= changes; n++) {
    await hot.send(
      xml('presence', {}, xml('show', {}, n % 2 ? 'away' : 'dnd'), xml('status', {}, `change ${n}`)),
    );
    await delivered(n);
  }
  return (watchers * changes) / ((performance.now() - started) / 1000);
}

const prosody = await startProsody({ accounts });
try {
  const hot = await XmppPerson.online({
    port: prosody.port,
    domain: prosody.domain,
    id: 'hot',
    password: 'hot-secret',
  });

  // Prosody alone.
  const sessions: XmppPerson[] = [];
  for (let i = 0; i < watchers; i++) {
    sessions.push(
      await XmppPerson.online({
        port: prosody.port,
        domain: prosody.domain,
        id: 'watcher',
        password: 'watcher-secret',
        resource: `w${i}`,
      }),
    );
  }
  const heard = (s: XmppPerson, n: number) =>
    s.next((stanza) => stanza.is('presence') && stanza.getChildText('status') === `change ${n}`);
  const alone = await measure(hot, (n) => Promise.all(sessions.map((s) => heard(s, n))).then(() => {}));
  await Promise.all(sessions.map((s) => s.stop()));
  console.log(
    `Prosody alone:     ${Math.round(alone).toLocaleString('en')} deliveries/s (${watchers} watchers)`,
  );

  // Through the proxy.
  const proxy = await startTestProxy({
    community: prosody.url,
    xmppDomain: prosody.domain,
    xmppTls: 'off',
    directory: 'xmpp',
  });
  try {
    const sockets: TestSocket[] = [];
    let session = await login(proxy.url, 'watcher', { password: 'watcher-secret' });
    for (let i = 0; i < watchers; i++) {
      // A login holds at most LIMITS.streamsPerLogin streams.
      if (i > 0 && i % LIMITS.streamsPerLogin === 0) {
        session = await login(proxy.url, 'watcher', { password: 'watcher-secret' });
      }
      const socket = TestSocket.open(proxy.url, { token: session.token });
      await socket.hello();
      socket.send({ type: 'watch', id: 1, add: ['hot'] });
      sockets.push(socket);
    }
    await Promise.all(sockets.map((s) => s.next((f) => f.type === 'presence')));
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
      `Through the proxy: ${Math.round(through).toLocaleString('en')} deliveries/s (${watchers} streams)`,
    );
    const ratio = through / alone;
    console.log(
      `ratio ${ratio.toFixed(2)}; aim "the proxy adds at most 20%" (ratio ≥ 0.83): ${ratio >= 1 / 1.2 ? 'met' : 'MISSED'}`,
    );
    await Promise.all(sockets.map((s) => s.close()));
  } finally {
    await proxy.close();
  }
  await hot.stop();
} finally {
  await prosody.stop();
}
