/**
 * Small hand-written checks for what a client reads back from the proxy. They mirror the zod
 * schemas in api.ts without importing zod, so a page that only shows live names does not download
 * a schema library. The proxy validates with the schemas; clients only need to know a value is
 * shaped right before they use it.
 */
import { USER_ID_LENGTH } from './page-limits.ts';
import type { Presence } from './presence.ts';
import { STATUSES, type Status } from './status.ts';
import { BIDI_CONTROLS } from './text.ts';

const USER_ID_PATTERN = new RegExp(`^[^\\s,\\p{Cc}${BIDI_CONTROLS}]+$`, 'u');

/** The same rule as the `UserId` schema: 1–128 characters, no whitespace, commas or controls. */
export function isUserId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= USER_ID_LENGTH &&
    USER_ID_PATTERN.test(value)
  );
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPresence(value: unknown): value is Presence {
  return (
    isRecord(value) &&
    typeof value.userId === 'string' &&
    isStatus(value.status) &&
    typeof value.message === 'string' &&
    typeof value.mobile === 'boolean'
  );
}

/** An object whose listed fields are strings (and whose `optional` ones are strings when present). */
export function hasStringFields(value: unknown, required: string[], optional: string[] = []): boolean {
  if (!isRecord(value)) return false;
  return (
    required.every((k) => typeof value[k] === 'string') &&
    optional.every((k) => value[k] === undefined || typeof value[k] === 'string')
  );
}
