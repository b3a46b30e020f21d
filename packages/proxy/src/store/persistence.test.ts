/** What the proxy acknowledged is still there after a restart, and after a SIGKILL. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ContactsResponse } from '@st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, presenceOf, request, type TestSession } from '../test-support.ts';
import { startTestProxy } from '../testing.ts';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'st-persist-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function contacts(base: string, who: TestSession): Promise<ContactsResponse> {
  return (await (
    await request(base, '/api/v1/me/contacts', { token: who.token })
  ).json()) as ContactsResponse;
}

/** Starts `npm start`'s entry point as a child process on a free port; answers it and its URL. */
async function startChild(): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ['--conditions=st-source', '--import', 'tsx', MAIN], {
    env: { PATH: process.env.PATH ?? '', ST_DATA_DIR: dataDir, ST_PORT: '0', ST_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /st-proxy listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${out}`)));
  });
  return { child, url, exited };
}

describe('the store across restarts', () => {
  it('keeps contact lists when the proxy stops and starts again on the same data directory', async () => {
    const first = await startTestProxy({ dataDir });
    const alice = await login(first.url, 'alice');
    await request(first.url, '/api/v1/me/contacts/groups', {
      method: 'POST',
      token: alice.token,
      json: { name: 'Kept' },
    });
    await request(first.url, '/api/v1/me/contacts/groups/Kept/members/bob', {
      method: 'PUT',
      token: alice.token,
    });
    const before = await contacts(first.url, alice);
    await first.close();

    const second = await startTestProxy({ dataDir });
    try {
      expect(await contacts(second.url, await login(second.url, 'alice'))).toEqual(before);
    } finally {
      await second.close();
    }
  });

  it('keeps the status a person chose, in the store', async () => {
    const first = await startTestProxy({ dataDir });
    const bob = await login(first.url, 'bob');
    const set = await request(first.url, '/api/v1/me/status', {
      method: 'PUT',
      token: bob.token,
      json: { status: 'in-meeting', message: 'planning' },
    });
    expect(set.status).toBe(204);
    await first.close();

    const second = await startTestProxy({ dataDir });
    try {
      const again = await login(second.url, 'bob');
      expect((await presenceOf(second.url, again, ['bob']))[0]).toMatchObject({
        status: 'in-meeting',
        message: 'planning',
      });
    } finally {
      await second.close();
    }
  });

  it('loses no acknowledged change when the proxy process is killed with SIGKILL', async () => {
    const first = await startChild();
    const alice = await login(first.url, 'alice');
    const acknowledged: string[] = [];
    for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) {
      const response = await request(first.url, '/api/v1/me/contacts/groups', {
        method: 'POST',
        token: alice.token,
        json: { name },
      });
      expect(response.status).toBe(200);
      acknowledged.push(name);
    }
    const moved = await request(first.url, '/api/v1/me/contacts/move', {
      method: 'POST',
      token: alice.token,
      json: { userId: 'bob', from: 'Team', to: 'Five' },
    });
    expect(moved.status).toBe(200);
    const last = (await moved.json()) as ContactsResponse;
    // No shutdown of any kind: the process is gone the moment the last answer arrived.
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startChild();
    try {
      const after = await contacts(second.url, await login(second.url, 'alice'));
      expect(after).toEqual(last);
      expect(after.groups.map((g) => g.name)).toEqual(['Team', ...acknowledged]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
