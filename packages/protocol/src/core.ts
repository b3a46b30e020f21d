/**
 * The protocol without its schemas: types, constants, status codes, the error catalogue, limits
 * and light guards. Browser code imports this (`@st/protocol/core`) so it never bundles zod; the
 * proxy imports the whole package.
 */

export type {
  AdminHealthCheck,
  AdminHealthResponse,
  AdminNode,
  AdminNodesResponse,
  AdminSession,
  AdminSessionsResponse,
  DrainResponse,
  EndSessionsResponse,
  StreamCounts,
} from './admin.ts';
export * from './admin-states.ts';
export type {
  BusinessCard,
  ContactGroup,
  ContactMember,
  ContactsResponse,
  DirectoryPerson,
  LoginRequest,
  LoginResponse,
  SessionInfo,
  SetStatusRequest,
  UserSummary,
  UsersResponse,
  WatchRequest,
} from './api.ts';
export type {
  Announcement,
  AnnouncementEvent,
  AnnouncementRequest,
  AnnouncementResponse,
  AnnouncementsResponse,
  ChatEvent,
  ChatMessage,
  ChatMessageEvent,
  Conversation,
  ConversationEvent,
  ConversationResponse,
  ConversationSummary,
  ConversationsResponse,
  CreateConversationRequest,
  HistoryQuery,
  HistoryResponse,
  InvitationEvent,
  InviteRequest,
  MessageResponse,
  Participant,
  ReceiptEvent,
  ReceiptRequest,
  SendMessageRequest,
  TypingEvent,
  TypingRequest,
  UpdateConversationRequest,
} from './chat.ts';
export * from './chat-rules.ts';
export type {
  ContactGroupParams,
  ContactMemberParams,
  ContactNicknameParams,
  CreateContactGroupRequest,
  MoveContactRequest,
  RenameContactGroupRequest,
  SetContactNicknameRequest,
} from './contacts.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './guards.ts';
export * from './limits.ts';
export * from './page-limits.ts';
export * from './presence.ts';
export * from './privacy-rules.ts';
export * from './status.ts';
export * from './text.ts';
