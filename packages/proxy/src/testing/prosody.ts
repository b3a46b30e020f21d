/**
 * A real Prosody for tests, benchmarks and `npm run xmpp`: Debian's package (installed by
 * scripts/ensure-prosody.sh) with a configuration written here, its data in a temporary folder,
 * c2s and HTTP on free ports of 127.0.0.1 (no TLS, or with `tls` StartTLS required and direct
 * TLS, with a self-signed certificate), shared groups from a generated
 * groups file and a MUC component with its archive. Accounts are written into its data folder
 * before the server starts (as `prosodyctl register` would store them). `restart({ hard: true })` is SIGKILL then a start on the same ports and data.
 */
import { execFile } from 'node:child_process';
import { createHash, createHmac, pbkdf2Sync, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type ServerProcess, startServerProcess } from './server-process.ts';

const PROSODY = process.env.ST_PROSODY ?? '/usr/bin/prosody';
const run = promisify(execFile);
/** SCRAM's iteration count for the accounts written here (RFC 5802's minimum; prosodyctl uses 10,000). */
const SCRAM_ITERATIONS = 4096;

export interface ProsodyAccount {
  /** The local part: the person's id on the proxy. */
  id: string;
  password: string;
  /** Their name in the shared group (people see it in their rosters). */
  name: string;
}

export interface TestProsody {
  domain: string;
  /** The MUC service, `conference.<domain>`. */
  mucDomain: string;
  port: number;
  httpPort: number;
  /** With `tls`: the direct-TLS port, and the self-signed certificate's PEM file. */
  directTlsPort?: number;
  certificate?: string;
  /** `xmpp://127.0.0.1:<port>` as ST_COMMUNITY takes it. */
  url: string;
  /** Stops Prosody (SIGTERM, or SIGKILL when `hard`), runs `whileDown`, then starts it again. */
  restart(options?: { hard?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

function lua(text: string): string {
  return JSON.stringify(text);
}

/** TLS for c2s: StartTLS on the c2s port and direct TLS on its own, with a self-signed certificate. */
interface TlsFiles {
  certificate: string;
  key: string;
  directPort: number;
}

function tlsConfig(tls: TlsFiles | undefined): string {
  if (!tls) {
    return `-- Loopback only: no TLS, SCRAM without channel binding, never PLAIN in the clear.
c2s_require_encryption = false
modules_disabled = { "s2s"; "tls" }`;
  }
  return `c2s_require_encryption = true
modules_disabled = { "s2s" }
-- StartTLS is mod_tls (enabled below); direct TLS needs only the certificate.
ssl = { certificate = ${lua(tls.certificate)}; key = ${lua(tls.key)} }
c2s_direct_tls_ports = { ${tls.directPort} }`;
}

/** A self-signed certificate for the domain (and 127.0.0.1, which direct TLS connects to by address). */
async function selfSigned(dir: string, domain: string): Promise<{ certificate: string; key: string }> {
  const certificate = join(dir, 'certificate.pem');
  const key = join(dir, 'key.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-keyout',
    key,
    '-out',
    certificate,
    '-subj',
    `/CN=${domain}`,
    '-addext',
    `subjectAltName=DNS:${domain},DNS:conference.${domain},IP:127.0.0.1`,
  ]);
  return { certificate, key };
}

function configFile(
  dir: string,
  domain: string,
  port: number,
  httpPort: number,
  tls: TlsFiles | undefined,
): string {
  return `-- written by the st-proxy test helper
run_as_root = true
daemonize = false
pidfile = ${lua(join(dir, 'prosody.pid'))}
data_path = ${lua(join(dir, 'data'))}
admin_socket = ${lua(join(dir, 'admin.sock'))}
log = { { levels = { min = ${lua(process.env.ST_PROSODY_LOG ?? 'warn')} }, to = "file", filename = ${lua(join(dir, 'prosody.log'))} } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${port} }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { ${httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
${tlsConfig(tls)}
s2s_require_encryption = false
allow_unencrypted_plain_auth = false
authentication = "internal_hashed"
storage = "internal"
archive_expires_after = "1w"
default_archive_policy = true
modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "private"; "pep";
  "vcard4"; "vcard_legacy"; "mam"; "carbons"; "smacks"; "blocklist"; "groups"; "offline"; "http";
  ${tls ? '"tls";' : ''}
}
groups_file = ${lua(join(dir, 'groups.txt'))}
smacks_hibernation_time = 60

VirtualHost ${lua(domain)}

Component ${lua(`conference.${domain}`)} "muc"
  modules_enabled = { "muc_mam" }
  muc_log_by_default = true
  restrict_room_creation = false
  -- Rooms of N-way conversations: who is who is visible to the proxy, and they outlive a pause.
  muc_room_default_public_jids = true
  muc_room_default_persistent = true
  -- Any participant may set a conversation's topic, as on the proxy.
  muc_room_default_change_subject = true
`;
}

/** Shared groups by name, each listing account ids. */
export type ProsodyGroups = Readonly<Record<string, readonly string[]>>;

function groupsFile(domain: string, accounts: readonly ProsodyAccount[], groups: ProsodyGroups): string {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  return Object.entries(groups)
    .map(
      ([group, ids]) =>
        `[${group}]\n${ids.map((id) => `${id}@${domain}=${names.get(id) ?? id}`).join('\n')}\n`,
    )
    .join('\n');
}

/** Prosody's encoding of a name in its data folder (datamanager.lua): anything but [A-Za-z0-9] as %xx. */
function encodeName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * An account as `internal_hashed` stores it (SCRAM-SHA-1 keys, RFC 5802), written straight into
 * the data folder: thousands of accounts for the benchmark in a second, where `prosodyctl
 * register` starts a process for each.
 */
function accountFile(password: string): string {
  const salt = randomUUID();
  const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 20, 'sha1');
  const hmac = (key: Buffer, text: string) => createHmac('sha1', key).update(text).digest();
  const storedKey = createHash('sha1').update(hmac(salted, 'Client Key')).digest('hex');
  const serverKey = hmac(salted, 'Server Key').toString('hex');
  return `return {
	["iteration_count"] = ${SCRAM_ITERATIONS};
	["salt"] = ${lua(salt)};
	["stored_key"] = ${lua(storedKey)};
	["server_key"] = ${lua(serverKey)};
};
`;
}

export async function startProsody(options: {
  accounts: readonly ProsodyAccount[];
  /** Shared groups (default: everyone in one group, "Everyone"). */
  groups?: ProsodyGroups;
  domain?: string;
  /** c2s port (default: a free one). */
  port?: number;
  /** StartTLS required on the c2s port, and direct TLS on `directTlsPort` (self-signed). */
  tls?: boolean;
}): Promise<TestProsody> {
  const domain = options.domain ?? 'st.test';
  const dir = await mkdtemp(join(tmpdir(), 'st-prosody-'));
  const port = options.port ?? (await freePort());
  const httpPort = await freePort();
  const config = join(dir, 'prosody.cfg.lua');
  await mkdir(join(dir, 'data'), { recursive: true });
  const tls = options.tls ? { ...(await selfSigned(dir, domain)), directPort: await freePort() } : undefined;
  await writeFile(config, configFile(dir, domain, port, httpPort, tls));
  const groups = options.groups ?? { Everyone: options.accounts.map((a) => a.id) };
  await writeFile(join(dir, 'groups.txt'), groupsFile(domain, options.accounts, groups));
  const accountsDir = join(dir, 'data', encodeName(domain), 'accounts');
  await mkdir(accountsDir, { recursive: true });
  for (const account of options.accounts) {
    await writeFile(join(accountsDir, `${encodeName(account.id)}.dat`), accountFile(account.password));
  }

  let server: ServerProcess | undefined;
  const launch = async () => {
    server = await startServerProcess(PROSODY, ['-F', '--config', config], port);
  };
  const halt = async (signal: NodeJS.Signals) => {
    const running = server;
    server = undefined;
    await running?.halt(signal);
  };

  await launch().catch(async (error: unknown) => {
    await halt('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  return {
    domain,
    mucDomain: `conference.${domain}`,
    port,
    httpPort,
    ...(tls && { directTlsPort: tls.directPort, certificate: tls.certificate }),
    url: `xmpp://127.0.0.1:${port}`,
    restart: async ({ hard = false, whileDown } = {}) => {
      await halt(hard ? 'SIGKILL' : 'SIGTERM');
      try {
        await whileDown?.();
      } finally {
        await launch();
      }
    },
    stop: async () => {
      await halt('SIGTERM');
      if (process.env.ST_KEEP_PROSODY) console.log('prosody dir', dir);
      else await rm(dir, { recursive: true, force: true });
    },
  };
}
