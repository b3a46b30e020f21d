/**
 * `@st/client`: the SDK for the st-proxy JSON API and event stream. Runs in browsers and in Node
 * (pass `WebSocket` from `ws`); touches no DOM at import.
 */
export type {
  BusinessCard,
  ContactGroup,
  DirectoryPerson,
  ErrorCode,
  Presence,
  SettableStatus,
  UserSummary,
} from '@st/protocol/core';
export {
  fromSametimeCode,
  MOBILE_BIT,
  SETTABLE_STATUSES,
  STATUS_LABELS,
  STATUSES,
  Status,
  toSametimeCode,
} from '@st/protocol/core';
export { Backoff, type BackoffOptions } from './backoff.ts';
export {
  type CacheEntry,
  type CacheStorageLike,
  cacheDatabaseName,
  indexedDbStorage,
  memoryStorage,
} from './cache-storage.ts';
export { createClient } from './client.ts';
export { type ConnectionState, ConnectionStatus, StateCode } from './connection-state.ts';
export {
  StAuthError,
  StError,
  type StErrorCode,
  type StErrorDetail,
  StForbiddenError,
  StNetworkError,
  StNotFoundError,
  StRateLimitError,
  StServerError,
  StValidationError,
} from './errors.ts';
export { browserPlatform, type Platform } from './platform.ts';
export type {
  ClientOptions,
  ReconnectOptions,
  StClient,
  WebSocketCtor,
  WebSocketLike,
} from './types.ts';
