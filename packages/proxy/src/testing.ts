/**
 * A proxy for tests: port 0 on 127.0.0.1, a fresh temporary data directory (removed on close), the
 * demo directory, and silent logs unless `ST_TEST_LOG` is set (to a level, or anything for debug).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_LEVELS, type LogLevel, loadConfig, type ProxyConfig } from './config.ts';
import { type RunningProxy, type StartOptions, startProxy } from './server.ts';

function testLogLevel(): LogLevel {
  const wanted = process.env.ST_TEST_LOG;
  if (!wanted) return 'silent';
  return (LOG_LEVELS as readonly string[]).includes(wanted) ? (wanted as LogLevel) : 'debug';
}

export async function startTestProxy(
  overrides: Partial<ProxyConfig> = {},
  options: StartOptions = {},
): Promise<RunningProxy> {
  const dataDir = await mkdtemp(join(tmpdir(), 'st-proxy-test-'));
  // Defaults as in production, apart from what a test needs; the environment of the test run is ignored.
  const config: ProxyConfig = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    dataDir,
    directory: 'demo',
    logLevel: testLogLevel(),
    ...overrides,
  };
  const proxy = await startProxy(config, options).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...proxy,
    close: async () => {
      await proxy.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
