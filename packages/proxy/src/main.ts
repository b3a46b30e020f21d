/**
 * `npm start`: reads the configuration, starts the proxy and prints where it listens. SIGTERM or
 * SIGINT drains (readiness false, event streams told to reconnect over ST_DRAIN_SECONDS, requests
 * in flight answered) and exits 0; a second signal
 * exits at once. A drain asked for through the admin API (the System Console) does the same as
 * SIGTERM. A configuration error prints one line and exits 1.
 */
import { ConfigError, loadConfig, type ProxyConfig } from './config.ts';
import { type RunningProxy, startProxy } from './server.ts';

let proxy: RunningProxy | undefined;
let stopping = false;

async function shutDown(running: RunningProxy): Promise<void> {
  try {
    await running.drain();
    await running.close();
    process.exit(0);
  } catch (error) {
    console.error(`shutdown failed: ${(error as Error).message}`);
    process.exit(1);
  }
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  if (proxy) void shutDown(proxy);
}

// Signals are handled from the first moment: one that arrives while the proxy is still starting
// stops it as soon as it has started, instead of killing the process half-way through.
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

/** An administrator drained this node: stop as on SIGTERM (a signal after it still exits at once). */
function drainRequested(): void {
  if (stopping) return;
  stopping = true;
  if (proxy) void shutDown(proxy);
}

try {
  const config: ProxyConfig = loadConfig(process.env);
  proxy = await startProxy(config, { onDrainRequested: drainRequested });
} catch (error) {
  const message = error instanceof ConfigError ? error.message : `cannot start: ${(error as Error).message}`;
  console.error(message.split('\n')[0]);
  process.exit(1);
}

console.log(`st-proxy listening on ${proxy.url}`);
if (stopping) void shutDown(proxy);
