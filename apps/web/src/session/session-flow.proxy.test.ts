/**
 * The login flow and the contact tally on the real SDK against a real proxy (port 0, demo
 * directory), as the hosted client runs them, minus the DOM. Node has no cookie jar, so a page
 * that reloads is played by a client given the login's token: it makes the same
 * `GET /api/v1/session` a reload makes.
 */
import { createClient, type StClient } from '@st/client';
import { startTestProxy } from '@st/proxy/testing';
import { filter, firstValueFrom, type Observable } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { memberIds, tallyGroup } from '../contacts/contact-groups.ts';
import { presenceMap } from '../contacts/presence-map.ts';
import { LoginProblem, SESSION_ENDED } from './login-problems.ts';
import { SessionFlow } from './session-flow.ts';
import { Phase, type SessionView } from './session-view.ts';

let proxy: Awaited<ReturnType<typeof startTestProxy>>;
const clients: StClient[] = [];
const flows: SessionFlow[] = [];

beforeAll(async () => {
  proxy = await startTestProxy();
});
afterEach(() => {
  for (const flow of flows.splice(0)) flow.dispose();
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await proxy?.close();
});

function nodeClient(token?: string): StClient {
  const client = createClient({
    server: proxy.url,
    WebSocket,
    storage: false,
    client: 'web',
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...(token ? { token } : {}),
  });
  clients.push(client);
  return client;
}

function flowFor(client: StClient): SessionFlow {
  const flow = new SessionFlow(client);
  flows.push(flow);
  return flow;
}

function first<T>(source: Observable<T>, test: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source.pipe(filter(test)));
}

function phase(flow: SessionFlow, wanted: SessionView['phase']): Promise<SessionView> {
  return first(flow.view$, (view) => view.phase === wanted);
}

/** Logs in through the flow, from a fresh page with no session. */
async function loggedIn(userId: string): Promise<{ client: StClient; flow: SessionFlow }> {
  const client = nodeClient();
  const flow = flowFor(client);
  await flow.start();
  await flow.login(userId, 'demo');
  expect(flow.view).toMatchObject({ phase: Phase.SignedIn, user: { id: userId } });
  return { client, flow };
}

describe('the login flow against the proxy', () => {
  it('starts at the form when there is no session, refuses a wrong password in words, then logs in', async () => {
    const client = nodeClient();
    const flow = flowFor(client);
    await flow.start();
    expect(flow.view).toEqual({ phase: Phase.SignedOut });

    await flow.login('alice', 'not-the-password');
    expect(flow.view).toMatchObject({
      phase: Phase.SignedOut,
      problem: { kind: LoginProblem.BadCredentials },
    });

    await flow.login('alice', 'demo');
    expect(flow.view).toEqual({
      phase: Phase.SignedIn,
      user: { id: 'alice', displayName: expect.stringMatching(/Alice/) },
    });
  });

  it('opens the event stream after a login that followed a failed resume', async () => {
    const { client } = await loggedIn('carol');
    client.myPresence$.subscribe();
    await first(client.state$, (state) => state.status === 'connected');
    const mine = await first(client.myPresence$, (p) => p.status !== 'unknown');
    expect(mine).toMatchObject({ userId: 'carol', status: 'available' });
  });

  it('resumes an existing login on start, as a reload does', async () => {
    const reloaded = flowFor(nodeClient(await apiLogin('bob')));
    await reloaded.start();
    expect(reloaded.view).toMatchObject({ phase: Phase.SignedIn, user: { id: 'bob' } });
  });

  it('drops back to the form, saying the session ended, when the login is ended elsewhere', async () => {
    const token = await apiLogin('dave');
    const flow = flowFor(nodeClient(token));
    await flow.start();
    expect(flow.view).toMatchObject({ phase: Phase.SignedIn, user: { id: 'dave' } });
    const otherTab = nodeClient(token);
    const otherFlow = flowFor(otherTab);
    await otherFlow.start();
    otherTab.myPresence$.subscribe();
    await first(otherTab.state$, (state) => state.status === 'connected');

    await flow.logout();
    expect(flow.view).toEqual({ phase: Phase.SignedOut });
    expect(await phase(otherFlow, Phase.SignedOut)).toEqual({
      phase: Phase.SignedOut,
      problem: SESSION_ENDED,
    });
  });
});

describe('the contact tally against the proxy', () => {
  it('counts a contact online once they log in, and offline again once they log out', async () => {
    const { client: alice } = await loggedIn('alice');
    const groups = await alice.contacts();
    const team = groups.find((group) => group.name === 'Team');
    expect(team?.members.map((m) => m.id)).toEqual(expect.arrayContaining(['bob', 'carol', 'dave']));
    if (!team) return;

    const presence$ = presenceMap((id) => alice.presence(id), memberIds(groups));
    const erinOnline = (map: ReadonlyMap<string, { status: string }>) =>
      map.get('erin')?.status === 'available';
    const erinOffline = (map: ReadonlyMap<string, { status: string }>) =>
      map.get('erin')?.status === 'offline';
    const before = await first(presence$, erinOffline);
    const onlineBefore = tallyGroup(team, before).online;

    const { flow: erin } = await loggedIn('erin');
    const during = await first(presence$, erinOnline);
    expect(tallyGroup(team, during).online).toBe(onlineBefore + 1);

    await erin.logout();
    const after = await first(presence$, erinOffline);
    expect(tallyGroup(team, after).online).toBe(onlineBefore);
  });
});

/** A login made over the JSON API, as another tab or an earlier page load made it. */
async function apiLogin(userId: string): Promise<string> {
  const response = await fetch(`${proxy.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}
