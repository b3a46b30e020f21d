/**
 * A proxy of its own for the chat browser tests, with a directory of people no other test logs in
 * as (the demo directory has twelve, and most are in use): Pat, Quinn, Rosa, Sam, Tess, Uma, Vic
 * and Wes, each with password `demo`, all in one "Team" group.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
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
