export * from './api.ts';
export * from './contacts.ts';
export * from './core.ts';
export * from './frames.ts';
