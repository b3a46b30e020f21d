import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'st-config-'));
  await writeFile(join(dir, 'people.json'), '{"people":[]}');
  await writeFile(join(dir, 'cert.pem'), 'cert');
  await writeFile(join(dir, 'key.pem'), 'key');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('loadConfig accepted it');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      directory: 'demo',
      allowedOrigins: [],
      trustProxy: [],
      ssoRequireJti: true,
      anonymousAwareness: false,
      graceSeconds: 90,
      sessionTtlSeconds: 43_200,
      heartbeatMs: 25_000,
      logLevel: 'info',
    });
    expect(config.tlsCert).toBeUndefined();
    expect(config.dataDir).toBe(join(process.cwd(), 'data'));
    expect(config.webDir).toMatch(/apps[/\\]web[/\\]dist$/);
    expect(config.componentsDir).toMatch(/packages[/\\]components[/\\]dist[/\\]browser$/);
  });

  it('reads ST_* variables', () => {
    const config = loadConfig({
      ST_PORT: '9000',
      ST_HOST: '0.0.0.0',
      ST_DATA_DIR: dir,
      ST_DIRECTORY: join(dir, 'people.json'),
      ST_ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080/',
      ST_ANONYMOUS_AWARENESS: 'YES',
      ST_TLS_CERT: join(dir, 'cert.pem'),
      ST_TLS_KEY: join(dir, 'key.pem'),
      ST_GRACE_SECONDS: '1.5',
      ST_SESSION_TTL_SECONDS: '60',
      ST_HEARTBEAT_MS: '1000',
      ST_LOG_LEVEL: 'debug',
      ST_WEB_DIR: 'web',
      ST_COMPONENTS_DIR: '/srv/components',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      directory: join(dir, 'people.json'),
      allowedOrigins: ['https://a.example', 'http://b.example:8080'],
      anonymousAwareness: true,
      graceSeconds: 1.5,
      sessionTtlSeconds: 60,
      heartbeatMs: 1000,
      logLevel: 'debug',
      webDir: join(process.cwd(), 'web'),
      componentsDir: '/srv/components',
    });
  });

  it('accepts LDAP URLs and ignores settings other features own', () => {
    const config = loadConfig({
      ST_DIRECTORY: 'ldaps://ldap.example:636/dc=example,dc=com',
      ST_SSO_SECRET: 'x',
      ST_SOMETHING_NEW: '1',
    });
    expect(config.directory).toBe('ldaps://ldap.example:636/dc=example,dc=com');
  });

  it('reads a JSON file named by ST_CONFIG; the environment wins', async () => {
    const file = join(dir, 'proxy.json');
    await writeFile(
      file,
      JSON.stringify({
        port: 7000,
        allowedOrigins: ['https://c.example'],
        directory: 'people.json',
        ssoSecret: 'x',
      }),
    );
    const config = loadConfig({ ST_CONFIG: file, ST_PORT: '7001' });
    expect(config.port).toBe(7001);
    expect(config.allowedOrigins).toEqual(['https://c.example']);
    // Paths in the file are relative to the file.
    expect(config.directory).toBe(join(dir, 'people.json'));
  });

  it('names the setting and the problem in one line', async () => {
    expect(problem({ ST_PORT: 'abc' })).toMatch(/^ST_PORT: must be a whole number \(got "?abc"?\)$/);
    expect(problem({ ST_PORT: '70000' })).toMatch(/^ST_PORT: must be at most 65535/);
    expect(problem({ ST_HOST: 'bad host' })).toMatch(/^ST_HOST: /);
    expect(problem({ ST_ALLOWED_ORIGINS: 'https://ok.example,intranet' })).toMatch(
      /^ST_ALLOWED_ORIGINS: "intranet" is not an origin/,
    );
    expect(problem({ ST_ALLOWED_ORIGINS: 'https://a.example/path' })).toMatch(/^ST_ALLOWED_ORIGINS: /);
    expect(problem({ ST_ANONYMOUS_AWARENESS: 'maybe' })).toMatch(
      /^ST_ANONYMOUS_AWARENESS: must be true or false/,
    );
    expect(problem({ ST_GRACE_SECONDS: '-1' })).toMatch(/^ST_GRACE_SECONDS: /);
    expect(problem({ ST_SESSION_TTL_SECONDS: '0' })).toMatch(/^ST_SESSION_TTL_SECONDS: must be at least 1/);
    expect(problem({ ST_HEARTBEAT_MS: '10' })).toMatch(/^ST_HEARTBEAT_MS: must be at least 50/);
    expect(problem({ ST_LOG_LEVEL: 'loud' })).toMatch(/^ST_LOG_LEVEL: must be one of fatal, error/);
    expect(problem({ ST_DIRECTORY: join(dir, 'missing.json') })).toMatch(/^ST_DIRECTORY: no such file/);
    expect(problem({ ST_DIRECTORY: 'ldap://ldap.example' })).toMatch(
      /^ST_DIRECTORY: an LDAP URL needs a host and a base DN/,
    );
    expect(problem({ ST_TLS_CERT: join(dir, 'cert.pem') })).toMatch(/^ST_TLS_CERT and ST_TLS_KEY: set both/);
    expect(problem({ ST_TLS_KEY: join(dir, 'nope.pem'), ST_TLS_CERT: join(dir, 'cert.pem') })).toMatch(
      /^ST_TLS_KEY: no such file/,
    );
    expect(problem({ ST_CONFIG: join(dir, 'absent.json') })).toMatch(/^ST_CONFIG: cannot read/);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"port": ');
    expect(problem({ ST_CONFIG: bad })).toMatch(/^ST_CONFIG: .* is not valid JSON/);
    const typo = join(dir, 'typo.json');
    await writeFile(typo, '{"prot": 80}');
    expect(problem({ ST_CONFIG: typo })).toMatch(/^ST_CONFIG: .* has an unknown setting "prot"$/);
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, '{"port": "eighty"}');
    expect(problem({ ST_CONFIG: wrong })).toMatch(
      /^ST_PORT \("port" in .*wrong.json\): must be a whole number/,
    );
  });

  it('reads ST_DATABASE_URL, and never repeats a wrong one (it may hold a password)', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    const url = 'postgres://st:secret@db.example:5432/st?sslmode=require';
    expect(loadConfig({ ST_DATABASE_URL: url }).databaseUrl).toBe(url);
    expect(loadConfig({ ST_DATABASE_URL: 'postgresql://db.example/st' }).databaseUrl).toBe(
      'postgresql://db.example/st',
    );
    const message = problem({ ST_DATABASE_URL: 'mysql://st:hunter2@db.example/st' });
    expect(message).toMatch(/^ST_DATABASE_URL: must be a postgres:\/\//);
    expect(message).not.toContain('hunter2');
  });

  it('reads ST_TRUST_PROXY as addresses and CIDRs, and refuses anything else', () => {
    expect(loadConfig({ ST_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
    expect(problem({ ST_TRUST_PROXY: '10.0.0.0/99' })).toMatch(
      /^ST_TRUST_PROXY: "10.0.0.0\/99" is not an address or CIDR/,
    );
    expect(problem({ ST_TRUST_PROXY: 'lb.example' })).toMatch(/^ST_TRUST_PROXY: /);
  });

  it('requires ST_SSO_AUDIENCE with ST_SSO_JWKS_URL', () => {
    expect(problem({ ST_SSO_JWKS_URL: 'https://idp.example/jwks.json' })).toMatch(
      /^ST_SSO_AUDIENCE: required/,
    );
    expect(
      loadConfig({ ST_SSO_JWKS_URL: 'https://idp.example/jwks.json', ST_SSO_AUDIENCE: 'st' }).ssoAudience,
    ).toBe('st');
  });
});
