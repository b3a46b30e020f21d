/** The example intranet as a library, for the browser tests that start it beside a proxy. */
export { mintAssertion } from './assertion.ts';
export { DEFAULT_PEOPLE_FILE, type IntegratorConfig, loadIntegratorConfig } from './config.ts';
export { type RunningIntegrator, startIntegrator, strictPolicy } from './server.ts';
