/**
 * The servers of the business-card benchmark: a real OpenLDAP server (Debian's `slapd`, seeded
 * with generated people, some with photos, by the proxy's own test helper) and the proxy as a child
 * process pointed at it, started the way `npm start` starts it and configured through `ST_*`
 * variables as an operator would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPerson } from '../../packages/proxy/src/testing/people-ldif.ts';
import { Slapd } from '../../packages/proxy/src/testing/slapd.ts';
import { NodeChild } from '../lib/children.ts';

const STARTUP_TIMEOUT_MS = 60_000;

/** Generated people are `p0001`, `p0002`…; the hand-made ones (odd names, markup) come first. */
const ORDINARY_ID = /^p\d+$/;

/** Someone of the directory who logs in to view the page (by an LDAP bind, password `pw-<id>`). */
export const VIEWER = { id: 'alice', password: 'pw-alice' } as const;

export interface LdapProxyOptions {
  /** Ordinary people the directory must hold (the hand-made ones are added). */
  people: number;
  allowedOrigins: string[];
}

export class LdapProxy {
  private constructor(
    readonly url: string,
    readonly slapd: Slapd,
    private readonly child: NodeChild,
    private readonly workDir: string,
  ) {}

  static async start(options: LdapProxyOptions): Promise<LdapProxy> {
    // The hand-made people are few (under 20): ask for enough to leave `people` ordinary ones.
    const slapd = await Slapd.start({ people: options.people + 20 });
    const workDir = await mkdtemp(join(tmpdir(), 'st-bench-cards-'));
    const child = new NodeChild({
      name: 'proxy',
      script: 'packages/proxy/src/main.ts',
      env: {
        ST_CONFIG: '',
        ST_PORT: '0',
        ST_HOST: '127.0.0.1',
        ST_DATA_DIR: join(workDir, 'data'),
        ST_DIRECTORY: slapd.directorySetting(),
        ST_LDAP_BIND_DN: slapd.service.dn,
        ST_LDAP_BIND_PASSWORD: slapd.service.password,
        // The test directory keeps time zones in `st` (no standard attribute holds one).
        ST_LDAP_ATTRIBUTES: 'timeZone=st',
        ST_ALLOWED_ORIGINS: options.allowedOrigins.join(','),
        ST_LOG_LEVEL: 'warn',
      },
    });
    try {
      const [, url] = await child.waitForLine(/listening on (http:\/\/\S+)/, STARTUP_TIMEOUT_MS);
      return new LdapProxy(url!, slapd, child, workDir);
    } catch (error) {
      await child.stop();
      await slapd.dispose();
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The first `count` ordinary people of the directory, in order. */
  ordinaryPeople(count: number): TestPerson[] {
    return this.slapd.people.filter((person) => ORDINARY_ID.test(person.id)).slice(0, count);
  }

  async stop(): Promise<void> {
    await this.child.stop(20_000);
    await this.slapd.dispose();
    await rm(this.workDir, { recursive: true, force: true });
  }
}
