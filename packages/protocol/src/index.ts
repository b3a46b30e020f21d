export * from './api.ts';
export * from './core.ts';
export * from './frames.ts';
