import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, TestSocket } from './test-support.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-main-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--conditions=st-source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ST_DATA_DIR: dataDir, ST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  return { child, stdout: () => out, stderr: () => err };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start', () => {
  it('prints the URL, serves, and on SIGTERM closes streams with 1001 and exits 0', async () => {
    const { child, stdout } = start({ ST_PORT: '0' });
    const exit = exited(child);
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const match = /st-proxy listening on (http:\/\/\S+)/.exec(stdout());
        if (match) resolve(match[1]!);
      });
      child.once('exit', () => reject(new Error('exited before listening')));
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const alice = await login(url, 'alice');
    const socket = TestSocket.open(url, { token: alice.token });
    await socket.hello();
    child.kill('SIGTERM');
    expect((await socket.closed).code).toBe(1001);
    expect(await exit).toBe(0);
  });

  it('prints one line naming a wrong setting and exits 1', async () => {
    const { child, stderr } = start({ ST_PORT: 'eighty' });
    expect(await exited(child)).toBe(1);
    expect(stderr().trim()).toBe('ST_PORT: must be a whole number (got eighty)');
  });

  it('starts with an LDAP directory it cannot reach, and says it is not ready', async () => {
    // Nothing listens on port 1: every connection is refused at once.
    const { child, stdout } = start({ ST_PORT: '0', ST_DIRECTORY: 'ldap://127.0.0.1:1/dc=example,dc=com' });
    const exit = exited(child);
    const url = await new Promise<string>((resolve) => {
      child.stdout!.on('data', () => {
        const match = /st-proxy listening on (http:\/\/\S+)/.exec(stdout());
        if (match) resolve(match[1]!);
      });
    });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', directory: 'unavailable' });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('warns when the demo directory is served on a non-loopback address', async () => {
    const { child, stdout } = start({ ST_PORT: '0', ST_HOST: '0.0.0.0' });
    const exit = exited(child);
    await new Promise<void>((resolve) => {
      child.stdout!.on('data', () => {
        if (/non-loopback/.test(stdout())) resolve();
      });
    });
    const warning = stdout()
      .split('\n')
      .find((line) => line.includes('non-loopback'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, host: '0.0.0.0' });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('never logs tokens, cookies, passwords or access_token', async () => {
    const { child, stdout } = start({ ST_PORT: '0', ST_LOG_LEVEL: 'debug' });
    const exit = exited(child);
    const url = await new Promise<string>((resolve) => {
      child.stdout!.on('data', () => {
        const match = /st-proxy listening on (http:\/\/\S+)/.exec(stdout());
        if (match) resolve(match[1]!);
      });
    });
    const bob = await login(url, 'bob');
    await fetch(`${url}/api/v1/session`, { headers: { cookie: bob.cookie } });
    await fetch(`${url}/api/v1/presence?users=alice&access_token=${bob.token}`);
    const events = await fetch(`${url}/api/v1/events?access_token=${bob.token}`);
    await events.body!.cancel();
    await fetch(`${url}/api/v1/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${bob.token}` },
    });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const logs = stdout();
    expect(logs).toContain('access_token=[redacted]');
    expect(logs).not.toContain(bob.token);
    expect(logs).not.toContain(bob.csrfToken);
    expect(logs).not.toContain('"password"');
  });
});
