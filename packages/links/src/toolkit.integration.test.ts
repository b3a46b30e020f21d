/**
 * The toolkit's functions against real proxies over HTTP and WebSocket, hosted in Node as a page
 * would use them: logins of every kind, listeners with Sametime's numeric codes, logout, anonymous
 * awareness and name resolution. What needs a document (writing links) is tested in the browser.
 */
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, apiSetStatus, call, hostToolkit, RecordingPage } from './test-support.ts';
import type { LinksToolkit } from './toolkit.ts';

type Proxy = Awaited<ReturnType<typeof startTestProxy>>;
let proxy: Proxy;
let anonymousProxy: Proxy;
const toolkits: LinksToolkit[] = [];

beforeAll(async () => {
  [proxy, anonymousProxy] = await Promise.all([
    startTestProxy(),
    startTestProxy({ anonymousAwareness: true }),
  ]);
});
afterEach(async () => {
  for (const toolkit of toolkits.splice(0)) (await toolkit.session.current()).close();
});
afterAll(async () => {
  await Promise.all([proxy?.close(), anonymousProxy?.close()]);
});

function page(server = proxy.url): RecordingPage {
  const recording = new RecordingPage();
  for (const name of ['STLinksLoggedIn', 'STLinksLoggedOut', 'STLinksUserStatusChanged'])
    recording.define(name);
  toolkits.push(hostToolkit(server, recording));
  return recording;
}

const statusOf = (userId: string, code: number) => (args: unknown[]) =>
  args[0] === userId && args[2] === code;

describe('logging in with writeSTLinksApplet', () => {
  it('logs in by password, says so to STLinksLoggedIn and sets ll_loggedIn', async () => {
    const p = page();
    expect(p.global.ll_loggedIn).toBe(false);
    call(p, 'writeSTLinksApplet', 'alice', 'demo', false);
    expect(await p.next('STLinksLoggedIn')).toEqual(['alice', 'Alice Andersson']);
    expect(p.global.ll_loggedIn).toBe(true);
  });

  it('reports a wrong password to STLinksLoggedOut with the proxy code', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', 'frank', 'not-the-password', false);
    expect(await p.next('STLinksLoggedOut')).toEqual(['ST_ERR_BAD_CREDENTIALS']);
    expect(p.global.ll_loggedIn).toBe(false);
    expect(p.named('STLinksLoggedIn')).toEqual([]);
  });

  it('logs in with a proxy token passed by token, and learns who it stands for', async () => {
    const token = await apiLogin(proxy.url, 'dave');
    const p = page();
    call(p, 'writeSTLinksApplet', 'ignored', token, true);
    expect(await p.next('STLinksLoggedIn')).toEqual(['dave', 'Dave Dubois']);
  });

  it('refuses a token that is no login', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', 'dave', 'no-such-token', true);
    expect(await p.next('STLinksLoggedOut')).toEqual(['ST_ERR_UNAUTHENTICATED']);
  });

  it('logs out with STLinksLogout: STLinksLoggedOut(0) and ll_loggedIn false', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', 'grace', 'demo', false);
    await p.next('STLinksLoggedIn');
    call(p, 'STLinksLogout');
    expect(await p.next('STLinksLoggedOut')).toEqual([0]);
    expect(p.global.ll_loggedIn).toBe(false);
  });
});

describe('STLinksUserStatusChanged', () => {
  it("reports watched people with Sametime's codes and messages as they change", async () => {
    const p = page();
    const byName: unknown[][] = [];
    p.global.myHandler = (...args: unknown[]) => byName.push(args);
    call(p, 'STLinksAddListener', 'STLinksUserStatusChanged', 'myHandler');
    call(p, 'writeSTLinksApplet', 'alice', 'demo', false);
    call(p, 'STLinksWatchUsers', 'bob;nobody-here');
    expect(await p.next('STLinksUserStatusChanged', statusOf('nobody-here', 0))).toEqual([
      'nobody-here',
      'nobody-here',
      0,
      '',
      '',
    ]);
    await p.next('STLinksUserStatusChanged', statusOf('bob', 0));

    const bob = await apiLogin(proxy.url, 'bob');
    expect(await p.next('STLinksUserStatusChanged', statusOf('bob', 32))).toEqual([
      'bob',
      'Bob Brown',
      32,
      '',
      '',
    ]);
    await apiSetStatus(proxy.url, bob, 'away', 'At lunch');
    expect(await p.next('STLinksUserStatusChanged', statusOf('bob', 96))).toEqual([
      'bob',
      'Bob Brown',
      96,
      'At lunch',
      '',
    ]);
    await apiSetStatus(proxy.url, bob, 'dnd');
    await p.next('STLinksUserStatusChanged', statusOf('bob', 128));
    expect(byName.map((args) => `${args[0]} ${args[2]}`)).toContain('bob 128');

    call(p, 'STLinksRemoveListener', 'STLinksUserStatusChanged', 'myHandler');
    const before = byName.length;
    await apiSetStatus(proxy.url, bob, 'in-meeting');
    await p.next('STLinksUserStatusChanged', statusOf('bob', 8));
    expect(byName.length).toBe(before);
  });

  it('adds the mobile bit for someone only on a phone (544, 608)', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', 'erin', 'demo', false);
    call(p, 'STLinksWatchUsers', 'carol');
    const carol = await apiLogin(proxy.url, 'carol', 'mobile');
    await p.next('STLinksUserStatusChanged', statusOf('carol', 544));
    await apiSetStatus(proxy.url, carol, 'away');
    expect(await p.next('STLinksUserStatusChanged', statusOf('carol', 608))).toEqual([
      'carol',
      'Carol Castañeda',
      608,
      '',
      '',
    ]);
  });

  it('resolves an e-mail address to the user id when asked to', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', 'ivan', 'demo', false);
    call(p, 'STLinksWatchUsers', 'JUDY@example.com', true);
    await apiLogin(proxy.url, 'judy');
    expect(await p.next('STLinksUserStatusChanged', statusOf('judy', 32))).toEqual([
      'judy',
      'Judy Jørgensen',
      32,
      '',
      '',
    ]);
  });
});

describe('anonymous awareness (writeSTLinksApplet("", "", false))', () => {
  it('watches people without a login where the proxy allows it', async () => {
    const p = page(anonymousProxy.url);
    call(p, 'writeSTLinksApplet', '', '', false);
    expect(await p.next('STLinksLoggedIn')).toEqual(['', 'Anonymous']);
    expect(p.global.ll_loggedIn).toBe(true);
    call(p, 'STLinksWatchUsers', 'heidi');
    await apiLogin(anonymousProxy.url, 'heidi');
    await p.next('STLinksUserStatusChanged', statusOf('heidi', 32));
  });

  it('is refused where the proxy does not allow it', async () => {
    const p = page();
    call(p, 'writeSTLinksApplet', '', '', false);
    expect(await p.next('STLinksLoggedOut')).toEqual(['ST_ERR_UNAUTHENTICATED']);
    expect(p.global.ll_loggedIn).toBe(false);
  });
});

describe('what cannot work', () => {
  it('says so in the console, naming the function', () => {
    const p = page();
    call(p, 'STLinksEnterPlace', 'room');
    call(p, 'STLinksAddListener', 'STLinksNoSuchEvent', () => {});
    call(p, 'STLinksAddListener', 'STLinksUserEnteredPlace', () => {});
    call(p, 'STLinksWatchUsers', '');
    call(p, 'setSTLinksURL', 'javascript:alert(1)');
    call(p, 'writeSametimeLink', 'bob', 'Bob', false, '');
    call(p, 'STLinksCreateIM', 'bob');
    expect(p.errors).toEqual([
      expect.stringMatching(/^STLinksEnterPlace: not supported/),
      expect.stringMatching(/^STLinksAddListener: "STLinksNoSuchEvent" is not a toolkit event/),
      expect.stringMatching(/^STLinksAddListener: places are not supported/),
      expect.stringMatching(/^STLinksWatchUsers: /),
      expect.stringMatching(/^setSTLinksURL: /),
      expect.stringMatching(/^writeSametimeLink: there is no document/),
      expect.stringMatching(/^STLinksCreateIM: nothing on this page opens a chat/),
    ]);
  });
});
