/**
 * A real PostgreSQL server for tests and benchmarks: Debian's `postgresql` (installed by
 * scripts/ensure-postgres.sh), a cluster made by `initdb` in a temporary folder, started by
 * `pg_ctl` on a free port of 127.0.0.1, and never a system service. PostgreSQL refuses to run as
 * root, so when the tests run as root the cluster belongs to the `postgres` user and its commands
 * run through `runuser -u postgres`.
 *
 * Usage (any test or benchmark, e.g. two proxies sharing one database):
 *
 *   import { TestPostgres } from '../testing/postgres.ts';
 *   const postgres = await TestPostgres.start();         // beforeAll
 *   const url = await postgres.createDatabase();         // a fresh, empty database: ST_DATABASE_URL
 *   ...
 *   await postgres.dispose();                            // afterAll: stops it and deletes the folder
 *
 * Connections trust 127.0.0.1 (no password): the server listens on loopback only, and is gone
 * with the test run. `fsync` stays on by default, so a benchmark pays for durability as a real
 * server does; tests that only need the data to outlive the proxy may pass `{ fsync: false }`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './server-process.ts';

const BIN = process.env.ST_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const OWNER = 'postgres';
const run = promisify(execFile);

export interface TestPostgresOptions {
  /** Whether the server fsyncs its commits (default true, as in production). */
  fsync?: boolean;
}

/** Runs a PostgreSQL program, as the `postgres` user when this process is root. */
async function asOwner(program: string, args: string[]): Promise<void> {
  const path = join(BIN, program);
  const isRoot = process.getuid?.() === 0;
  await run(isRoot ? 'runuser' : path, isRoot ? ['-u', OWNER, '--', path, ...args] : args);
}

export class TestPostgres {
  private databases = 0;
  private stopped = false;

  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(options: TestPostgresOptions = {}): Promise<TestPostgres> {
    if (!existsSync(join(BIN, 'initdb'))) {
      throw new Error(`PostgreSQL is not installed (${BIN}): run scripts/ensure-postgres.sh`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'st-postgres-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', OWNER]);
      const { stdout: gid } = await run('id', ['-g', OWNER]);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const postgres = new TestPostgres(dir, await freePort());
    // A test process that dies without cleaning up must not leave a server behind.
    const stopOnExit = () => {
      if (postgres.stopped) return;
      try {
        const stop = [join(BIN, 'pg_ctl'), '-D', postgres.dataDir, '-m', 'immediate', 'stop'];
        const [program, ...args] = process.getuid?.() === 0 ? ['runuser', '-u', OWNER, '--', ...stop] : stop;
        execFileSync(program!, args, { stdio: 'ignore' });
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', stopOnExit);
    postgres.onDispose = () => process.off('exit', stopOnExit);
    try {
      await asOwner('initdb', [
        '-D',
        postgres.dataDir,
        '-U',
        OWNER,
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
      ]);
      await postgres.run(options);
      return postgres;
    } catch (error) {
      await postgres.dispose();
      throw error;
    }
  }

  private onDispose = () => {};

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The server's own database, for administration. */
  get adminUrl(): string {
    return this.urlOf(OWNER);
  }

  urlOf(database: string): string {
    return `postgres://${OWNER}@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates an empty database and answers its URL (an `ST_DATABASE_URL`). */
  async createDatabase(name = `st_test_${++this.databases}`): Promise<string> {
    const client = new pg.Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return this.urlOf(name);
  }

  private async run(options: TestPostgresOptions): Promise<void> {
    const settings = [
      `-p ${this.port}`,
      "-c listen_addresses='127.0.0.1'",
      // No Unix socket: the folder of the system's socket may not exist, or belong to a service.
      "-c unix_socket_directories=''",
      `-c fsync=${options.fsync === false ? 'off' : 'on'}`,
      '-c max_connections=200',
    ].join(' ');
    await asOwner('pg_ctl', [
      '-D',
      this.dataDir,
      '-o',
      settings,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** Stops the server and deletes its folder. */
  async dispose(): Promise<void> {
    if (!this.stopped && existsSync(join(this.dataDir, 'postmaster.pid'))) {
      await asOwner('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {});
    }
    this.stopped = true;
    this.onDispose();
    await rm(this.dir, { recursive: true, force: true });
  }
}
