/**
 * `npm run integrator`: the example intranet. Point it at a proxy that lists its origin in
 * `ST_ALLOWED_ORIGINS` and shares `ST_SSO_SECRET` with it (apps/integrator/README.md).
 */
import { IntegratorConfigError, loadIntegratorConfig } from './config.ts';
import { startIntegrator } from './server.ts';

try {
  const config = loadIntegratorConfig(process.env);
  const running = await startIntegrator(config);
  console.log(`integrator listening on ${running.url} (proxy ${config.proxyUrl})`);
  if (!config.ssoSecret) console.log('no ST_SSO_SECRET: every viewer sees presence anonymously');
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error(error instanceof IntegratorConfigError ? error.message : `cannot start: ${String(error)}`);
  process.exit(1);
}
