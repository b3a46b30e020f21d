export type { CommunityServer, SessionContribution } from './community/types.ts';
export { ConfigError, loadConfig, type ProxyConfig } from './config.ts';
export type { Directory } from './directory/types.ts';
export { type RunningProxy, type StartOptions, startProxy } from './server.ts';
