import { AVAILABILITY_RANK, type SettableStatus, Status } from './status.ts';

/** One person's presence as every client sees it. */
export interface Presence {
  userId: string;
  status: Status;
  /** The status message the person set; empty when none. */
  message: string;
  /** True when every live session of the person is a mobile one. */
  mobile: boolean;
}

/** What one live session contributes to its person's presence. */
export interface SessionPresence {
  /** The status chosen by hand (shared by all the person's sessions). */
  chosen: SettableStatus;
  /** The client reported no user activity for the idle time. */
  idle: boolean;
  mobile: boolean;
}

/** The status one session shows: idleness turns `available` into `not-using`, never a hand-chosen one. */
export function sessionStatus(s: SessionPresence): Status {
  return s.idle && s.chosen === Status.Available ? Status.NotUsing : s.chosen;
}

/**
 * One presence from all the live sessions of a person: the most available session wins,
 * `mobile` only when every live session is mobile, `offline` when there is none.
 */
export function mergePresence(
  userId: string,
  message: string,
  sessions: Iterable<SessionPresence>,
): Presence {
  let best: Status = Status.Offline;
  let count = 0;
  let allMobile = true;
  for (const s of sessions) {
    count++;
    const status = sessionStatus(s);
    if (AVAILABILITY_RANK[status] > AVAILABILITY_RANK[best]) best = status;
    if (!s.mobile) allMobile = false;
  }
  if (count === 0) return { userId, status: Status.Offline, message: '', mobile: false };
  return { userId, status: best, message, mobile: allMobile };
}

/** Presence for someone the server cannot say anything about (no such person, or not visible). */
export function offlinePresence(userId: string): Presence {
  return { userId, status: Status.Offline, message: '', mobile: false };
}
