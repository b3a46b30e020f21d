/**
 * `@st/client`: the SDK for the st-proxy JSON API and event stream. Runs in browsers and in Node
 * (pass `WebSocket` from `ws`); touches no DOM at import.
 */
export type {
  Announcement,
  BusinessCard,
  ChatMessage,
  ContactGroup,
  ContactMember,
  ConversationSummary,
  DirectoryPerson,
  ErrorCode,
  Participant,
  Preferences,
  PreferencesPatch,
  Presence,
  PrivacyList,
  SettableStatus,
  UserSummary,
} from '@st/protocol/core';
export {
  DEFAULT_PREFERENCES,
  fromSametimeCode,
  isSendableText,
  LIMITS,
  MOBILE_BIT,
  messageCharacters,
  PrivacyMode,
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
export { CARD_IDS_PER_REQUEST, DEFAULT_CARD_TTL_MS, MISSING_CARD_TTL_MS } from './card-loader.ts';
export {
  type ChatStorageLike,
  historyDatabaseName,
  indexedDbChatStorage,
  memoryChatStorage,
  type OutboxEntry,
  outboxDatabaseName,
} from './chat/chat-storage.ts';
export type {
  ConversationHandle,
  HistoryState,
  IncomingInvitation,
  IncomingMessage,
  StChat,
  TimelineMessage,
} from './chat/chat-types.ts';
export { MessageState } from './chat/chat-types.ts';
export type { ConversationNotice } from './chat/room.ts';
export type { StSettings } from './chat/settings-store.ts';
export { type ConnectionState, ConnectionStatus, StateCode } from './connection-state.ts';
export { createClient } from './create-client.ts';
export {
  StAuthError,
  StConflictError,
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
export { DEFAULT_PHOTO_TTL_MS } from './photo-loader.ts';
export {
  indexedDbPhotoStorage,
  memoryPhotoStorage,
  type PhotoEntry,
  type PhotoStorageLike,
  photoDatabaseName,
} from './photo-storage.ts';
export { browserPlatform, type Platform } from './platform.ts';
export type { BroadcastChannelLike, LockManagerLike, TabPlatform } from './tabs/tab-platform.ts';
export type {
  ClientOptions,
  ReconnectOptions,
  StClient,
  WebSocketCtor,
  WebSocketLike,
} from './types.ts';
