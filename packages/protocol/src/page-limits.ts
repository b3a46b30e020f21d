/**
 * The limits every browser page needs, as constants of their own in a module of their own: a
 * bundle takes these few numbers without the whole `LIMITS` object (bundlers split by module).
 * `LIMITS` (limits.ts) holds the same values under its names.
 */
export const WATCH_IDS_PER_MESSAGE = 1000;
export const WATCH_IDS_PER_SESSION = 10_000;
export const USERS_PER_REQUEST = 100;
export const SEARCH_MIN_LENGTH = 2;
export const WS_FRAMES_PER_SECOND = 20;
export const WS_FRAME_BURST = 100;
export const USER_ID_LENGTH = 128;
