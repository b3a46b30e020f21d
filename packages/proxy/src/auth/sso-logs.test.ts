import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, exchange, hmacKey, mint, newSecret } from './sso-fixtures.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-sso-logs-'));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** `npm start` as a child process, with everything it prints. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--conditions=st-source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ST_DATA_DIR: dataDir, ST_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('single sign-on secrets in the logs', () => {
  it('never prints the secret or an assertion, even at trace level', async () => {
    const secret = newSecret();
    const { child, output } = start({ ST_SSO_SECRET: secret, ST_LOG_LEVEL: 'trace' });
    const exit = exited(child);
    const url = await new Promise<string>((resolve) => {
      child.stdout!.on('data', () => {
        const match = /st-proxy listening on (http:\/\/\S+)/.exec(output());
        if (match) resolve(match[1]!);
      });
    });
    const good = await mint(hmacKey(secret), claimsFor('alice'));
    const bad = await mint(hmacKey(newSecret()), claimsFor('alice'));
    expect((await exchange(url, good)).status).toBe(201);
    expect((await exchange(url, bad)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const logs = output();
    expect(logs).toContain('ST_ERR_SSO_SIGNATURE');
    for (const secretText of [secret, good, bad, good.split('.')[2]!, bad.split('.')[2]!]) {
      expect(logs).not.toContain(secretText);
    }
  });

  it('stops with one line naming ST_SSO_SECRET, not its value, when it is too short', async () => {
    const weak = 'too-short-to-sign';
    const { child, output } = start({ ST_SSO_SECRET: weak, ST_LOG_LEVEL: 'warn' });
    expect(await exited(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ST_SSO_SECRET: must be at least 32 bytes/);
    expect(output()).not.toContain(weak);
  });
});
