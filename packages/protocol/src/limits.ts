/** Documented limits of the API; the proxy enforces them and the SDK splits work to fit them. */
export const LIMITS = {
  /** Ids in one watch message (add + remove). */
  watchIdsPerMessage: 1000,
  /** People one session may watch at once. */
  watchIdsPerSession: 10_000,
  /** Ids in one `GET /api/v1/presence?users=` call. */
  presenceIdsPerRequest: 1000,
  /** Ids in one `GET /api/v1/users?ids=` call (business cards). */
  usersPerRequest: 100,
  /** Length of a user id. */
  userIdLength: 128,
  /** Length of a status message. */
  statusMessageLength: 256,
  /** Largest JSON request body, in bytes. */
  bodyBytes: 64 * 1024,
  /** Largest WebSocket frame from a client, in bytes. */
  wsFrameBytes: 64 * 1024,
  /** Events kept per session for replay after a reconnect. */
  replayEvents: 1024,
  /** Failed logins per user id (and per address) per window before ST_ERR_RATE_LIMITED. */
  loginAttempts: 10,
  loginWindowSeconds: 300,
  /** Directory search: shortest query and most results. */
  searchMinLength: 2,
  searchMaxResults: 25,
  /** Directory searches per login: a burst, then this many per second on average (then 429). */
  searchBurst: 20,
  searchesPerSecond: 5,
  /** A session unseen this long (no stream, poll or request) goes offline for its watchers. */
  graceSeconds: 90,
  /** Long-poll wait before an empty answer. */
  pollWaitSeconds: 25,
  /** WebSocket frames a client may send per second on average, and in one burst, before 4429. */
  wsFramesPerSecond: 20,
  wsFrameBurst: 100,
  /** Contact groups one person may have, and members in one group. */
  contactGroups: 100,
  contactsPerGroup: 1000,
  /** Length of a contact group name, after trimming. */
  contactGroupNameLength: 64,
  /** Contact-list changes one login may make per window before ST_ERR_RATE_LIMITED. */
  contactWrites: 120,
  contactWriteWindowSeconds: 60,
  /** People one anonymous session (ST_ANONYMOUS_AWARENESS) may watch at once: a page of live names. */
  anonymousWatchIdsPerSession: 2000,
  /**
   * Anonymous event streams (WebSockets, Server-Sent Events, waiting polls) open at once per
   * address, by default (ST_ANONYMOUS_STREAMS_PER_ADDRESS changes it).
   */
  anonymousStreamsPerAddress: 20,
  /**
   * Anonymous API requests (stream openings included) per address per minute before
   * ST_ERR_RATE_LIMITED, by default (ST_ANONYMOUS_REQUESTS_PER_MINUTE changes it).
   */
  anonymousRequestsPerMinute: 300,
} as const;
