/**
 * The protocol without its schemas: types, constants, status codes, the error catalogue, limits
 * and light guards. Browser code imports this (`@st/protocol/core`) so it never bundles zod; the
 * proxy imports the whole package.
 */

export type {
  BusinessCard,
  ContactGroup,
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
  ContactGroupParams,
  ContactMemberParams,
  CreateContactGroupRequest,
  MoveContactRequest,
  RenameContactGroupRequest,
} from './contacts.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './guards.ts';
export * from './limits.ts';
export * from './presence.ts';
export * from './status.ts';
