/**
 * A real OpenLDAP server for tests and benchmarks: Debian's `slapd` (installed by
 * scripts/ensure-slapd.sh) with its own configuration file and mdb database in a temporary folder,
 * seeded by `slapadd` with generated people, listening on free ports of 127.0.0.1, and never a
 * system service. It runs in the foreground with the `stats` log on standard error, so a test can
 * read every search the server received.
 *
 * Access: the service account reads everything; people read themselves; anonymous clients may only
 * bind (so the proxy must use the service account to find anyone).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  generatePeople,
  peopleLdif,
  type ServiceAccountEntry,
  TEST_BASE_DN,
  type TestPerson,
} from './people-ldif.ts';
import { accepts, freePort } from './server-process.ts';

const SLAPD = process.env.ST_SLAPD ?? '/usr/sbin/slapd';
const SLAPADD = process.env.ST_SLAPADD ?? '/usr/sbin/slapadd';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

export interface SlapdOptions {
  /** People in the directory (the hand-made ones included). */
  people?: number;
  /** Also listen on ldaps:// and offer StartTLS with this certificate. */
  tls?: { certFile: string; keyFile: string };
}

function config(dir: string, service: ServiceAccountEntry, tls: SlapdOptions['tls']): string {
  const lines = [
    ...['core', 'cosine', 'inetorgperson'].map((s) => `include ${SCHEMA_DIR}/${s}.schema`),
    `pidfile ${join(dir, 'slapd.pid')}`,
    // Debian builds the backends as modules; other builds may have mdb compiled in.
    ...(existsSync(join(MODULE_DIR, 'back_mdb.so'))
      ? [`modulepath ${MODULE_DIR}`, 'moduleload back_mdb']
      : []),
    ...(tls ? [`TLSCertificateFile ${tls.certFile}`, `TLSCertificateKeyFile ${tls.keyFile}`] : []),
    'database mdb',
    'maxsize 268435456',
    `suffix "${TEST_BASE_DN}"`,
    `directory ${join(dir, 'db')}`,
    'index objectClass eq',
    'index uid eq,sub',
    'index cn,mail eq,sub',
    'access to attrs=userPassword by anonymous auth by * none',
    `access to * by dn.exact="${service.dn}" read by self read by * none`,
  ];
  return `${lines.join('\n')}\n`;
}

export class Slapd {
  readonly baseDn = TEST_BASE_DN;
  readonly service: ServiceAccountEntry = {
    dn: `cn=proxy,ou=services,${TEST_BASE_DN}`,
    password: 'service-secret',
  };
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = '';

  private constructor(
    private readonly dir: string,
    readonly people: TestPerson[],
    private readonly port: number,
    private readonly tlsPort: number | undefined,
  ) {}

  static async start(options: SlapdOptions = {}): Promise<Slapd> {
    if (!existsSync(SLAPD) || !existsSync(SLAPADD)) {
      throw new Error(`slapd is not installed (${SLAPD}): run scripts/ensure-slapd.sh`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'st-slapd-'));
    const people = generatePeople(options.people ?? 300);
    const slapd = new Slapd(dir, people, await freePort(), options.tls ? await freePort() : undefined);
    try {
      await mkdir(join(dir, 'db'));
      await writeFile(join(dir, 'slapd.conf'), config(dir, slapd.service, options.tls));
      await writeFile(join(dir, 'seed.ldif'), peopleLdif(people, slapd.service));
      await promisify(execFile)(SLAPADD, ['-q', '-f', join(dir, 'slapd.conf'), '-l', join(dir, 'seed.ldif')]);
      await slapd.run();
      return slapd;
    } catch (error) {
      await slapd.dispose();
      throw error;
    }
  }

  /** `ldap://127.0.0.1:<port>`. */
  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  /** `ldaps://127.0.0.1:<port>` when started with TLS. */
  get ldapsUrl(): string {
    if (!this.tlsPort) throw new Error('this slapd was started without TLS');
    return `ldaps://127.0.0.1:${this.tlsPort}`;
  }

  /** The `ST_DIRECTORY` value for this server. */
  directorySetting(url = this.url): string {
    return `${url}/${this.baseDn}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** The filters of every search the server has logged so far, oldest first. */
  searches(): string[] {
    return [...this.log.matchAll(/ SRCH base="[^"]*" scope=\d deref=\d filter="(.*)"$/gm)].map((m) => m[1]!);
  }

  /** Starts the server (again) on its ports, with the data it had. */
  async run(): Promise<void> {
    if (this.child) return;
    const urls = [this.url, ...(this.tlsPort ? [this.ldapsUrl] : [])].join(' ');
    const child = spawn(SLAPD, ['-f', join(this.dir, 'slapd.conf'), '-h', urls, '-d', 'stats'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    // A test process that dies without cleaning up must not leave a server behind.
    const killOnExit = () => {
      child.kill('SIGKILL');
      rmSync(this.dir, { recursive: true, force: true });
    };
    process.once('exit', killOnExit);
    child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      this.log += text;
    });
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        process.off('exit', killOnExit);
        if (this.child === child) this.child = undefined;
        resolve();
      }),
    );
    while (!(await accepts(this.port))) {
      if (!this.child) throw new Error(`slapd did not start:\n${this.log.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Stops the server (like a crash or a restart for the proxy: connections drop, the port closes). */
  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }
}
