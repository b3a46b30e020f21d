/**
 * A proxy of its own for the chat browser tests, with a directory of people no other test logs in
 * as (the demo directory has twelve, and most are in use): Pat, Quinn, Rosa, Sam, Tess, Uma, Vic
 * and Wes, each with password `demo`, all in one "Team" group.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type ProxyProcess, ROOT, startProxyProcess } from './servers.ts';

export const CHAT_PEOPLE = {
  pat: 'Pat Patel',
  quinn: 'Quinn Quigley',
  rosa: 'Rosa Romero',
  sam: 'Sam Sato',
  tess: 'Tess Turner',
  uma: 'Uma Umar',
  vic: 'Vic Vance',
  wes: 'Wes Wong',
} as const;
export type ChatPerson = keyof typeof CHAT_PEOPLE;

export interface ChatProxy {
  url: string;
  proxy: ProxyProcess;
  stop(): Promise<void>;
}

/** Starts a proxy (as `npm start` does) with these people and a data folder of its own. */
export async function startChatProxy(): Promise<ChatProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'st-e2e-chat-'));
  const demo = JSON.parse(
    readFileSync(join(ROOT, 'packages/proxy/src/directory/demo/directory.json'), 'utf8'),
  ) as { people: { id: string; passwordHash?: string }[] };
  const passwordHash = demo.people[0]!.passwordHash;
  const people = Object.entries(CHAT_PEOPLE).map(([id, displayName]) => ({
    id,
    displayName,
    title: 'Tester',
    email: `${id}@example.com`,
    timeZone: 'Europe/London',
    passwordHash,
  }));
  writeFileSync(
    join(dir, 'people.json'),
    JSON.stringify({ people, teams: [{ name: 'Team', members: Object.keys(CHAT_PEOPLE) }] }),
  );
  const proxy = await startProxyProcess({
    ST_DATA_DIR: join(dir, 'data'),
    ST_DIRECTORY: join(dir, 'people.json'),
  });
  return {
    url: proxy.url,
    proxy,
    stop: async () => {
      await proxy.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the hosted client's form on that proxy. */
export async function logIn(page: Page, url: string, userId: ChatPerson): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User ID').fill(userId);
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
}

/** Logs in over the API and returns the Bearer token. */
export async function apiToken(url: string, userId: ChatPerson): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, password: 'demo' }),
  });
  if (res.status !== 201) throw new Error(`login of ${userId} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** What a chat spec gets from `useChatProxy`. */
export interface ChatSpec {
  /** The spec's proxy (once its `beforeAll` has run). */
  readonly url: string;
  /** A new browser context logged in as `userId` in the hosted client; closed after the test. */
  person(
    browser: Browser,
    userId: ChatPerson,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; context: BrowserContext }>;
}

/**
 * Registers a spec's hooks: its own chat proxy for the whole file, and every browser context a
 * test opened closed after it. Call once at the top of a spec file.
 */
export function useChatProxy(): ChatSpec {
  let server: ChatProxy | undefined;
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    server = await startChatProxy();
  });
  test.afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      if (!server) throw new Error('the chat proxy starts in beforeAll: use it inside a test');
      return server.url;
    },
    async person(browser, userId, viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      await logIn(page, this.url, userId);
      return { page, context };
    },
  };
}
