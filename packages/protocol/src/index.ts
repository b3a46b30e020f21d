export * from './admin.ts';
export * from './api.ts';
export * from './chat.ts';
export * from './contacts.ts';
export * from './core.ts';
export * from './frames.ts';
export * from './privacy.ts';
export * from './push.ts';
