export * from './api.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './limits.ts';
export * from './presence.ts';
export * from './status.ts';
