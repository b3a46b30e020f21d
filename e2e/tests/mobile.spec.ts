import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { type PushRig, startPushRig } from '@st/proxy/push-testing';
import { type ProxyProcess, ROOT, startProxyProcess } from '../support/servers.ts';

/**
 * The mobile app's web layer in Chromium at a phone's size, with the push and app-state plugins
 * replaced by doubles at the platform seam (apps/mobile/harness), against the proxy as
 * `npm start` runs it, pushing to a fake APNs. The app registers its device, goes to the
 * background, gets exactly one push for a chat message, and a tap on that push asks the chat
 * launcher for the conversation (the hosted client has no chat view of its own yet).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** The built harness on its own origin, as a phone's web view is another origin than the proxy. */
async function serveFolder(folder: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(folder, path === '/' ? 'index.html' : path);
    if (!file.startsWith(folder)) return void response.writeHead(403).end();
    try {
      const body = await readFile(file);
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

/** What apps/mobile/harness puts on the page for the test to drive. */
declare global {
  interface Window {
    stMobileHarness: {
      opened: string[];
      errors: string[];
      setActive(active: boolean): void;
      tap(action: { data: Record<string, unknown> }): void;
    };
  }
}

let harnessDir: string;
let dataDir: string;
let site: { url: string; server: Server };
let rig: PushRig;
let proxy: ProxyProcess;

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test.beforeAll(async () => {
  harnessDir = mkdtempSync(join(tmpdir(), 'st-mobile-harness-'));
  dataDir = mkdtempSync(join(tmpdir(), 'st-mobile-e2e-'));
  const build = spawnSync('npx', ['vite', 'build', '--config', 'apps/mobile/vite.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, ST_MOBILE_HARNESS: harnessDir },
    encoding: 'utf8',
  });
  expect(build.status, `the harness did not build:\n${build.stdout}${build.stderr}`).toBe(0);
  site = await serveFolder(harnessDir);
  rig = await startPushRig();
  proxy = await startProxyProcess({ ST_DATA_DIR: dataDir, ST_ALLOWED_ORIGINS: site.url, ...rig.env });
});

test.afterAll(async () => {
  await proxy?.stop();
  await rig?.stop();
  site?.server.close();
  rmSync(harnessDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field in the test
type Answer = any;

async function api(path: string, init: { token: string; method?: string; json?: unknown }) {
  const response = await fetch(`${proxy.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token}`,
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  return {
    status: response.status,
    body: (response.status === 204 ? undefined : await response.json()) as Answer,
  };
}

test('the phone registers, is pushed a chat message in the background, and a tap opens it', async ({
  page,
}) => {
  const deviceToken = 'e2e0iphone0token';
  await page.goto(`${site.url}/index.html?server=${encodeURIComponent(proxy.url)}&token=${deviceToken}`);
  await page.getByLabel('User ID').fill('bob');
  await page.getByLabel('Password', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
  await expect(page.locator('st-live-name[user-id="alice"]').first()).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Registration reached the proxy: the device is stored for bob (asked with the app's own token).
  const appToken = await page.evaluate(() => localStorage.getItem('st.token'));
  expect(appToken).toBeTruthy();
  await expect
    .poll(async () => (await api('/api/v1/push/devices', { token: appToken! })).body.devices)
    .toEqual([expect.objectContaining({ platform: 'ios', token: deviceToken })]);

  // The app goes to the background and says so.
  const reported = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/session/state') && r.request().method() === 'PUT',
  );
  await page.evaluate(() => window.stMobileHarness.setActive(false));
  expect((await reported).status()).toBe(204);

  // Alice writes; bob's phone gets exactly one push, threaded by the conversation.
  const alice = (
    await (
      await fetch(`${proxy.url}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'alice', password: 'demo' }),
      })
    ).json()
  ).token as string;
  const opened = await api('/api/v1/conversations/im/bob', { token: alice, method: 'PUT' });
  const conversationId: string = opened.body.conversation.id;
  const sent = await api(`/api/v1/conversations/${conversationId}/messages`, {
    token: alice,
    method: 'POST',
    json: { text: 'Are you free for a call?' },
  });
  expect(sent.status).toBe(201);
  await expect.poll(() => rig.apns.delivered(deviceToken).length).toBe(1);
  const [push] = rig.apns.delivered(deviceToken);
  expect(push!.payload.aps['thread-id']).toBe(conversationId);
  expect(push!.payload.aps.badge).toBe(1);
  expect(push!.payload.aps.alert.body).toBe('Are you free for a call?');

  // The person taps it: the phone hands the push's data to the app, which opens the conversation.
  const { aps: _aps, ...data } = push!.payload;
  await page.evaluate((tapped) => window.stMobileHarness.tap({ data: tapped }), data);
  await expect.poll(() => page.evaluate(() => window.stMobileHarness.opened)).toEqual([conversationId]);
  // The hosted client's chat opens on that conversation, ready to answer.
  await expect(page.locator(`st-chat-window[conversation-id="${conversationId}"]`)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeVisible();
  expect(await page.evaluate(() => window.stMobileHarness.errors)).toEqual([]);
  expect(rig.apns.delivered(deviceToken)).toHaveLength(1);
});
