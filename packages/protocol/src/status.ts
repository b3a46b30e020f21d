/**
 * Presence statuses and Sametime's numeric codes.
 * `as const` objects with union types rather than enums (house style).
 */

/** Every status a person can be shown with. */
export const Status = {
  Available: 'available',
  Away: 'away',
  Dnd: 'dnd',
  InMeeting: 'in-meeting',
  NotUsing: 'not-using',
  Offline: 'offline',
  Unknown: 'unknown',
} as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUSES = Object.values(Status) as readonly Status[];

/** The statuses a person may choose by hand (`PUT /api/v1/me/status`). */
export const SETTABLE_STATUSES = [Status.Available, Status.Away, Status.Dnd, Status.InMeeting] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** Sametime's numeric status codes, kept for Links Toolkit compatibility. */
export const SametimeCode = {
  offline: 0,
  'in-meeting': 8,
  available: 32,
  'not-using': 64,
  away: 96,
  dnd: 128,
  unknown: 0,
} as const satisfies Record<Status, number>;

/** Bit added to a status code when every live session of the person is mobile. */
export const MOBILE_BIT = 512;

/** Sametime's numeric code for a status, e.g. available on mobile → 544. */
export function toSametimeCode(status: Status, mobile = false): number {
  const code = SametimeCode[status];
  return mobile && code !== 0 ? code | MOBILE_BIT : code;
}

/** The status and mobile flag for a Sametime numeric code (unknown codes map to `unknown`). */
export function fromSametimeCode(code: number): { status: Status; mobile: boolean } {
  const mobile = (code & MOBILE_BIT) !== 0;
  const base = code & ~MOBILE_BIT;
  const found = (Object.keys(SametimeCode) as Status[]).find(
    (s) => s !== Status.Unknown && SametimeCode[s] === base,
  );
  return { status: found ?? Status.Unknown, mobile };
}

/**
 * How available a status is; when a person has several sessions the most available one wins.
 * Higher is more available. `offline` and `unknown` never come from a live session.
 */
export const AVAILABILITY_RANK: Record<Status, number> = {
  available: 6,
  'not-using': 5,
  'in-meeting': 4,
  away: 3,
  dnd: 2,
  offline: 1,
  unknown: 0,
};

/** Words for a status, for accessible names and labels. */
export const STATUS_LABELS: Record<Status, string> = {
  available: 'Available',
  away: 'Away',
  dnd: 'Do not disturb',
  'in-meeting': 'In a meeting',
  'not-using': 'Not using the computer',
  offline: 'Offline',
  unknown: 'Status unknown',
};
