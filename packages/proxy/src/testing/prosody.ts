/**
 * A real Prosody for tests, benchmarks and `npm run xmpp`: Debian's package (installed by
 * scripts/ensure-prosody.sh) with a configuration written here, its data in a temporary folder,
 * c2s and HTTP on free ports of 127.0.0.1, no TLS (loopback only), shared groups from a generated
 * groups file and a MUC component with its archive. Accounts are made with prosodyctl before the
 * server starts. `restart({ hard: true })` is SIGKILL then a start on the same ports and data.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, type ServerProcess, startServerProcess } from './server-process.ts';

const PROSODY = process.env.ST_PROSODY ?? '/usr/bin/prosody';
const PROSODYCTL = process.env.ST_PROSODYCTL ?? '/usr/bin/prosodyctl';
const run = promisify(execFile);

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
  /** `xmpp://127.0.0.1:<port>` as ST_COMMUNITY takes it. */
  url: string;
  /** Stops Prosody (SIGTERM, or SIGKILL when `hard`), runs `whileDown`, then starts it again. */
  restart(options?: { hard?: boolean; whileDown?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

function lua(text: string): string {
  return JSON.stringify(text);
}

function configFile(dir: string, domain: string, port: number, httpPort: number): string {
  return `-- written by the st-proxy test helper
run_as_root = true
daemonize = false
pidfile = ${lua(join(dir, 'prosody.pid'))}
data_path = ${lua(join(dir, 'data'))}
admin_socket = ${lua(join(dir, 'admin.sock'))}
log = { { levels = { min = "warn" }, to = "file", filename = ${lua(join(dir, 'prosody.log'))} } }
interfaces = { "127.0.0.1" }
c2s_ports = { ${port} }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = { }
http_ports = { ${httpPort} }
http_interfaces = { "127.0.0.1" }
https_ports = { }
-- Loopback only: no TLS, SCRAM without channel binding, never PLAIN in the clear.
c2s_require_encryption = false
s2s_require_encryption = false
allow_unencrypted_plain_auth = false
authentication = "internal_hashed"
storage = "internal"
archive_expires_after = "1w"
default_archive_policy = true
modules_enabled = {
  "roster"; "saslauth"; "disco"; "ping"; "private"; "pep";
  "vcard4"; "vcard_legacy"; "mam"; "carbons"; "smacks"; "blocklist"; "groups"; "offline"; "http";
}
modules_disabled = { "s2s"; "tls" }
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
`;
}

function groupsFile(domain: string, accounts: readonly ProsodyAccount[]): string {
  return `[Everyone]\n${accounts.map((a) => `${a.id}@${domain}=${a.name}`).join('\n')}\n`;
}

export async function startProsody(options: {
  accounts: readonly ProsodyAccount[];
  domain?: string;
  /** c2s port (default: a free one). */
  port?: number;
}): Promise<TestProsody> {
  const domain = options.domain ?? 'st.test';
  const dir = await mkdtemp(join(tmpdir(), 'st-prosody-'));
  const port = options.port ?? (await freePort());
  const httpPort = await freePort();
  const config = join(dir, 'prosody.cfg.lua');
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(config, configFile(dir, domain, port, httpPort));
  await writeFile(join(dir, 'groups.txt'), groupsFile(domain, options.accounts));
  for (const account of options.accounts) {
    await run(PROSODYCTL, ['--config', config, 'register', account.id, domain, account.password]);
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
