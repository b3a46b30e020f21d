/**
 * `npm start`: reads the configuration, starts the proxy and prints where it listens. SIGTERM or
 * SIGINT drains (readiness false, event streams closed with 1001) and exits 0; a second signal
 * exits at once. A configuration error prints one line and exits 1.
 */
import { ConfigError, loadConfig, type ProxyConfig } from './config.ts';
import { type RunningProxy, startProxy } from './server.ts';

let proxy: RunningProxy;
try {
  const config: ProxyConfig = loadConfig(process.env);
  proxy = await startProxy(config);
} catch (error) {
  const message = error instanceof ConfigError ? error.message : `cannot start: ${(error as Error).message}`;
  console.error(message.split('\n')[0]);
  process.exit(1);
}

console.log(`st-proxy listening on ${proxy.url}`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  try {
    await proxy.drain();
    await proxy.close();
    process.exit(0);
  } catch (error) {
    console.error(`shutdown failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
process.on('SIGTERM', (signal) => void stop(signal));
process.on('SIGINT', (signal) => void stop(signal));
