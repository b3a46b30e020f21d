import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningProxy } from './server.ts';
import { errorCode, login, request } from './test-support.ts';
import { startTestProxy } from './testing.ts';

let root: string;
let proxy: RunningProxy;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'st-static-'));
  const web = join(root, 'web');
  const components = join(root, 'components');
  await mkdir(join(web, 'assets'), { recursive: true });
  await mkdir(join(components, 'chunks'), { recursive: true });
  await writeFile(
    join(web, 'index.html'),
    '<!doctype html><title>client</title><script type="module" src="/assets/app-1a2b3c.js"></script>',
  );
  await writeFile(join(web, 'assets', 'app-1a2b3c.js'), 'console.log("app")');
  await mkdir(join(web, 'console'));
  await writeFile(join(web, 'console', 'index.html'), '<!doctype html><title>System Console</title>');
  await writeFile(join(web, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(components, 'components.js'), 'export {}');
  // What the build's compress step leaves beside each asset.
  await writeFile(join(components, 'components.js.br'), brotliCompressSync('export {} // br'));
  await writeFile(join(components, 'components.js.gz'), gzipSync('export {} // gz'));
  await writeFile(join(components, 'chunks', 'part-9f8e.js'), 'export {}');
  await writeFile(join(components, 'chunks', 'core-CdlrmgSP.js'), 'export {}');
  await writeFile(join(components, 'chunks', 'core-CdlrmgSP.js.gz'), gzipSync('export {} // gz'));
  const links = join(root, 'links');
  await mkdir(links);
  await writeFile(join(links, 'stlinks.js'), 'window.writeSametimeLink = function () {};');
  await writeFile(join(links, 'stlinks.js.gz'), gzipSync('window.writeSametimeLink = function () {}; // gz'));
  proxy = await startTestProxy({ webDir: web, componentsDir: components, linksDir: links });
});
afterAll(async () => {
  await proxy.close();
  await rm(root, { recursive: true, force: true });
});

describe('hosted client', () => {
  it('serves index.html at / with no-cache and a strict CSP', async () => {
    const response = await fetch(`${proxy.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>client</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(proxy.url).host}`);
  });

  it('serves the System Console at /console, with the same headers as the hosted client', async () => {
    for (const path of ['/console', '/console/', '/console/nodes']) {
      const response = await fetch(`${proxy.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>System Console</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const client = await fetch(`${proxy.url}/consoles`, { headers: { accept: 'text/html' } });
    expect(await client.text()).toContain('<title>client</title>');
  });

  it('caches hashed assets for a long time', async () => {
    const response = await fetch(`${proxy.url}/assets/app-1a2b3c.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${proxy.url}/favicon.svg`)).headers.get('cache-control')).toBe(
      'public, max-age=300',
    );
  });

  it('falls back to index.html for pages, but not for the API or for non-HTML requests', async () => {
    const page = await fetch(`${proxy.url}/chat/bob`, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>client</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const asset = await fetch(`${proxy.url}/assets/missing.js`, { headers: { accept: '*/*' } });
    expect(asset.status).toBe(404);
    const api = await fetch(`${proxy.url}/api/v1/nothing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await errorCode(api)).toBe('ST_ERR_NOT_FOUND');
  });

  it('keeps the API working beside the static files', async () => {
    const alice = await login(proxy.url, 'alice');
    expect((await request(proxy.url, '/api/v1/session', { token: alice.token })).status).toBe(200);
  });
});

describe('elements bundle', () => {
  it('serves /st/ files to any origin with a short cache', async () => {
    for (const path of ['/st/components.js', '/st/chunks/part-9f8e.js']) {
      const response = await fetch(`${proxy.url}${path}`, {
        headers: { origin: 'https://elsewhere.example' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    }
    expect((await fetch(`${proxy.url}/st/missing.js`)).status).toBe(404);
  });

  it('serves hashed chunks as immutable, pre-compressed too', async () => {
    const response = await fetch(`${proxy.url}/st/chunks/core-CdlrmgSP.js`, {
      headers: { origin: 'https://elsewhere.example', 'accept-encoding': 'gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe('export {} // gz');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves the Links Toolkit script from its own folder beside the elements', async () => {
    const response = await fetch(`${proxy.url}/st/stlinks.js`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('writeSametimeLink');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    // No source map was built here: the API's 404, not an empty script.
    const map = await fetch(`${proxy.url}/st/stlinks.js.map`);
    expect(map.status).toBe(404);
    expect(await errorCode(map)).toBe('ST_ERR_NOT_FOUND');
  });
});

describe('compression', () => {
  it('sends the pre-compressed copies to clients that take them, and the plain file to others', async () => {
    const br = await fetch(`${proxy.url}/st/components.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(await br.text()).toBe('export {} // br');
    const gz = await fetch(`${proxy.url}/st/components.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe('export {} // gz');
    const links = await fetch(`${proxy.url}/st/stlinks.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(links.headers.get('content-encoding')).toBe('gzip');
    expect(await links.text()).toContain('// gz');
    const plain = await request(proxy.url, '/st/components.js', {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});

describe('not built yet', () => {
  it('answers / with a page saying to build, and the API still works', async () => {
    const bare = await startTestProxy({
      webDir: join(root, 'none'),
      componentsDir: join(root, 'none'),
      linksDir: join(root, 'none'),
    });
    try {
      const page = await fetch(`${bare.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('npm run build');
      expect((await fetch(`${bare.url}/st/components.js`)).status).toBe(404);
      expect((await fetch(`${bare.url}/st/stlinks.js`)).status).toBe(404);
      expect((await fetch(`${bare.url}/healthz`)).status).toBe(200);
      await login(bare.url, 'bob');
    } finally {
      await bare.close();
    }
  });
});
