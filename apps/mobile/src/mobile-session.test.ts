/**
 * The phone's side of the session on the real SDK against a real proxy, with doubles of the
 * phone's plugins at the platform seam (the hosted client's DOM is left out: the browser test in
 * e2e/tests/mobile.spec.ts runs the whole app).
 */
import { createClient, type StClient } from '@st/client';
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ConversationOpener, MobileSession } from './mobile-session.ts';
import type { KeyValueStorage, MobilePlatform, NotificationAction } from './platform/types.ts';
import { ProxyApi } from './proxy-api.ts';
import { TOKEN_KEY, TokenKeeper } from './token-keeper.ts';

let proxy: Awaited<ReturnType<typeof startTestProxy>>;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  proxy = await startTestProxy();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await proxy?.close();
});

function memoryStorage(): KeyValueStorage & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  };
}

/** A phone double: the test plays the app going to the background and notifications being tapped. */
function fakePhone(token: string) {
  const appState = new Set<(active: boolean) => void>();
  const actions = new Set<(action: NotificationAction) => void>();
  const storage = memoryStorage();
  const platform: MobilePlatform = {
    push: {
      register: async () => ({ platform: 'ios', token }),
      onTokenChange: () => () => {},
      onAction: (listener) => {
        actions.add(listener);
        return () => actions.delete(listener);
      },
    },
    appState: {
      onChange: (listener) => {
        appState.add(listener);
        return () => appState.delete(listener);
      },
    },
    storage,
  };
  return {
    platform,
    storage,
    background: () => {
      for (const listener of appState) listener(false);
    },
    act: (action: NotificationAction) => {
      for (const listener of actions) listener(action);
    },
  };
}

interface Started {
  client: StClient;
  keeper: TokenKeeper;
  session: MobileSession;
  opened: string[];
  answers: number[];
}

/** The app's wiring as startMobileApp does it, on Node's WebSocket and with no DOM. */
async function startApp(phone: ReturnType<typeof fakePhone>): Promise<Started> {
  const keeper = await TokenKeeper.load(phone.storage);
  const client = createClient({
    server: proxy.url,
    WebSocket,
    storage: false,
    client: 'mobile',
    useLoginToken: true,
    fetch: keeper.fetch,
    ...(keeper.token ? { token: keeper.token } : {}),
  });
  const opened: string[] = [];
  const answers: number[] = [];
  const opener: ConversationOpener = { openConversation: (id) => void opened.push(id) };
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    answers.push(response.status);
    return response;
  };
  const session = new MobileSession({
    client,
    api: new ProxyApi(proxy.url, () => keeper.token, recordingFetch),
    platform: phone.platform,
    opener,
    appId: 'com.example.stproxy',
  });
  session.start();
  cleanups.push(() => {
    session.stop();
    client.close();
  });
  return { client, keeper, session, opened, answers };
}

async function api(path: string, token: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${proxy.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('the mobile session', () => {
  it('registers the phone for pushes once someone logs in, and reports the background', async () => {
    const phone = fakePhone('aa11bb22');
    const app = await startApp(phone);
    await app.client.login('bob', 'demo');
    await until(() => app.session.registered !== null);
    const listed = await api('/api/v1/push/devices', app.keeper.token!);
    expect(listed.body.devices).toMatchObject([
      { platform: 'ios', token: 'aa11bb22', appId: 'com.example.stproxy' },
    ]);
    phone.background();
    await until(() => app.answers.length === 2);
    expect(app.answers).toEqual([201, 204]);
  });

  it('keeps the token across launches, and forgets it (and the device) at logout', async () => {
    const phone = fakePhone('cc33dd44');
    const first = await startApp(phone);
    await first.client.login('carol', 'demo');
    expect(phone.storage.values.get(TOKEN_KEY)).toBe(first.keeper.token);
    await until(() => first.session.registered !== null);
    first.client.close();

    const second = await startApp(phone);
    expect(await second.client.resume()).toMatchObject({ id: 'carol' });
    await second.client.logout();
    expect(phone.storage.values.has(TOKEN_KEY)).toBe(false);
    const other = await (
      await fetch(`${proxy.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'carol', password: 'demo' }),
      })
    ).json();
    await until(async () => (await api('/api/v1/push/devices', other.token)).body.devices.length === 0);
  });

  it('opens the conversation a tapped notification names, also when the tap launched the app', async () => {
    const phone = fakePhone('ee55ff66');
    const app = await startApp(phone);
    phone.act({ data: { kind: 'message', conversationId: 'im_before' } });
    expect(app.opened).toEqual([]);
    await app.client.login('dave', 'demo');
    await until(() => app.opened.length === 1);
    phone.act({ data: { kind: 'message', conversationId: 'im_after' } });
    phone.act({ data: { kind: 'announcement', announcementId: 'an_1' } });
    expect(app.opened).toEqual(['im_before', 'im_after']);
  });

  it('sends a reply typed into a notification to its conversation', async () => {
    const alice = await (
      await fetch(`${proxy.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'alice', password: 'demo' }),
      })
    ).json();
    const opened = await api('/api/v1/conversations/im/erin', alice.token, { method: 'PUT' });
    const conversationId: string = opened.body.conversation.id;

    const phone = fakePhone('0a0b0c0d');
    const app = await startApp(phone);
    await app.client.login('erin', 'demo');
    phone.act({ data: { kind: 'message', conversationId }, replyText: 'On my way' });
    await until(async () => {
      const history = await api(`/api/v1/conversations/${conversationId}/messages`, alice.token);
      return history.body.messages?.some((m: { text: string }) => m.text === 'On my way') === true;
    });
    expect(app.opened).toEqual([]);
  });
});
