/** The example intranet's pages and sign-in, served against a real proxy. */
import { randomBytes } from 'node:crypto';
import { startTestProxy } from '@st/proxy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE_FILE } from './config.ts';
import { jsString } from './pages/html.ts';
import { type RunningIntegrator, startIntegrator } from './server.ts';

const secret = randomBytes(48).toString('base64url');
let proxy: Awaited<ReturnType<typeof startTestProxy>>;
let intranet: RunningIntegrator;

beforeAll(async () => {
  proxy = await startTestProxy({
    directory: DEFAULT_PEOPLE_FILE,
    ssoSecret: secret,
    anonymousAwareness: true,
  });
  intranet = await startIntegrator({
    port: 0,
    host: '127.0.0.1',
    proxyUrl: proxy.url,
    ssoSecret: secret,
    ssoAudience: undefined,
    ssoIssuer: undefined,
    peopleFile: DEFAULT_PEOPLE_FILE,
  });
});
afterAll(async () => {
  await intranet?.close();
  await proxy?.close();
});

const asViewer = (id: string) => ({
  headers: { cookie: `intranet_user=${id}` },
  redirect: 'manual' as const,
});

describe('the team page', () => {
  it('gives a signed-in viewer a session with a token, under a strict CSP', async () => {
    const response = await fetch(`${intranet.url}/`, asViewer('ulla'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src 'self' ${proxy.url}`);
    expect(csp).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).toMatch(/<st-session server="[^"]+" token="[A-Za-z0-9_-]+">/);
    expect(page).toContain(`<script type="module" src="${proxy.url}/st/components.js"></script>`);
    expect(page).not.toMatch(/<script>|<style>/);
    expect(page).toContain('<st-live-name user-id="nadia" display-name="Nadia Novak">');
  });

  it('is anonymous, and says so, for a visitor', async () => {
    const page = await (await fetch(`${intranet.url}/`)).text();
    expect(page).toContain(`<st-session server="${proxy.url}" anonymous>`);
    expect(page).toContain('role="status"');
    expect(page).not.toContain('st-status-picker');
  });
});

describe('the classic page', () => {
  it('logs the viewer in with an assertion written into the page, the toolkit way', async () => {
    const page = await (await fetch(`${intranet.url}/links`, asViewer('ulla'))).text();
    expect(page).toContain(`<script type="text/javascript" src="${proxy.url}/st/stlinks.js"></script>`);
    expect(page).toMatch(/writeSTLinksApplet\("ulla", "[\w-]+\.[\w-]+\.[\w-]+", true\);/);
    expect(page).toContain('writeSametimeLink("oscar", "Oscar Olsen", true, "icon:yes");');
  });

  it('logs a visitor in anonymously', async () => {
    const page = await (await fetch(`${intranet.url}/links`)).text();
    expect(page).toContain('writeSTLinksApplet("", "", false);');
  });

  it('writes page data into scripts so that it cannot end them', () => {
    expect(jsString('</script><script>alert(1)</script>')).toBe(
      '"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"',
    );
  });
});

describe('signing in to the intranet', () => {
  it('sets the viewer cookie and returns only to a path of this site', async () => {
    const response = await fetch(`${intranet.url}/sign-in?user=sven&to=//evil.example/`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toMatch(
      /^intranet_user=sven; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const back = await fetch(`${intranet.url}/sign-in?user=sven&to=/links`, { redirect: 'manual' });
    expect(back.headers.get('location')).toBe('/links');
    expect((await fetch(`${intranet.url}/sign-in?user=<x>`, { redirect: 'manual' })).status).toBe(400);
  });
});
