import {
  SEARCH_MIN_LENGTH,
  USER_ID_LENGTH,
  USERS_PER_REQUEST,
  WATCH_IDS_PER_MESSAGE,
  WATCH_IDS_PER_SESSION,
  WS_FRAME_BURST,
  WS_FRAMES_PER_SECOND,
} from './page-limits.ts';

/** Documented limits of the API; the proxy enforces them and the SDK splits work to fit them. */
export const LIMITS = {
  /** Ids in one watch message (add + remove). */
  watchIdsPerMessage: WATCH_IDS_PER_MESSAGE,
  /** People one session may watch at once. */
  watchIdsPerSession: WATCH_IDS_PER_SESSION,
  /** Ids in one `GET /api/v1/presence?users=` call. */
  presenceIdsPerRequest: 1000,
  /** Ids in one `GET /api/v1/users?ids=` call (business cards). */
  usersPerRequest: USERS_PER_REQUEST,
  /** Length of a user id. */
  userIdLength: USER_ID_LENGTH,
  /** Length of a status message. */
  statusMessageLength: 256,
  /** Largest JSON request body, in bytes. */
  bodyBytes: 64 * 1024,
  /** Largest WebSocket frame from a client, in bytes. */
  wsFrameBytes: 64 * 1024,
  /** Events kept per session for replay after a reconnect. */
  replayEvents: 1024,
  /**
   * Password attempts per (user id, address): a burst, refilled evenly over the window; then
   * ST_ERR_RATE_LIMITED. An attempt is counted before the password is checked, and given back
   * when it was right.
   */
  loginAttempts: 10,
  loginWindowSeconds: 300,
  /** Password attempts per address, whatever the user id (one NAT may hide an office). */
  loginAttemptsPerAddress: 100,
  loginAddressWindowSeconds: 300,
  /**
   * Password attempts per user id from anywhere: slower than one address can spend it, so a burst
   * from one address never locks the person out elsewhere, and far below a useful guessing rate.
   */
  loginAttemptsPerPerson: 200,
  loginPersonWindowSeconds: 3600,
  /** Password checks under way at once for one user id, and for one address. */
  loginChecksInFlightPerPerson: 2,
  loginChecksInFlightPerAddress: 64,
  /** Logins (tokens) one person may hold at once; more is ST_ERR_TOO_MANY_LOGINS until one ends. */
  loginsPerPerson: 50,
  /** Event streams one login may hold at once (tabs share a login); more is ST_ERR_TOO_MANY_STREAMS. */
  streamsPerLogin: 20,
  /** People watched across every stream of one person (each stream also has `watchIdsPerSession`). */
  watchIdsPerPerson: 20_000,
  /** Status and idleness changes one person may make: a burst, then per minute (they fan out to watchers). */
  statusChangeBurst: 30,
  statusChangesPerMinute: 30,
  /** Directory search: shortest query and most results. */
  searchMinLength: SEARCH_MIN_LENGTH,
  searchMaxResults: 25,
  /** Directory searches per person: a burst, then this many per second on average (then 429). */
  searchBurst: 20,
  searchesPerSecond: 5,
  /** A session unseen this long (no stream, poll or request) goes offline for its watchers. */
  graceSeconds: 90,
  /** Long-poll wait before an empty answer. */
  pollWaitSeconds: 25,
  /** WebSocket frames a client may send per second on average, and in one burst, before 4429. */
  wsFramesPerSecond: WS_FRAMES_PER_SECOND,
  wsFrameBurst: WS_FRAME_BURST,
  /** Contact groups one person may have, and members in one group. */
  contactGroups: 100,
  contactsPerGroup: 1000,
  /** Length of a contact group name, after trimming. */
  contactGroupNameLength: 64,
  /** Contact-list changes one person may make per window before ST_ERR_RATE_LIMITED. */
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
  /** Characters (Unicode code points) in one chat message or announcement; more is ST_ERR_MESSAGE_TOO_LONG. */
  messageLength: 10_000,
  /** Length of a client message id. */
  clientIdLength: 64,
  /** Length of a conversation topic, after trimming. */
  conversationTopicLength: 256,
  /** People in one N-way conversation, its creator included (more is ST_ERR_CONVERSATION_FULL). */
  conversationParticipants: 100,
  /** Recipients of one announcement. */
  announcementRecipients: 1000,
  /** Messages in one page of history, by default and at most. */
  historyPageDefault: 50,
  historyPageMax: 200,
  /** Conversations in one page of `GET /api/v1/conversations`, by default and at most. */
  conversationsPageDefault: 100,
  conversationsPageMax: 500,
  /** Messages one person may send: a burst, then this many per second on average (then 429). */
  messageBurst: 60,
  messagesPerSecond: 10,
  /** People one person may invite (N-way invitations, created conversations): a burst, then per minute. */
  invitationBurst: 200,
  invitationsPerMinute: 200,
  /** Announcements one person may send: a burst, then per minute. */
  announcementBurst: 5,
  announcementsPerMinute: 2,
  /** Receipts, typing, topics, joining and leaving: a burst, then this many per second on average. */
  chatActionBurst: 120,
  chatActionsPerSecond: 20,
  /** What waited offline is delivered on the next stream, at most this many events (the newest). */
  offlineEventsPerConnect: 500,
  /** A `typing` event holds for this long unless renewed; receivers clear it after. */
  typingTtlMs: 10_000,
  /** The proxy forwards at most one `typing: true` per person and conversation in this time. */
  typingThrottleMs: 3_000,
  /** Length of a push device token (APNs and FCM tokens are far shorter). */
  pushTokenLength: 512,
  /** Devices one person may register; a new one beyond this replaces their oldest. */
  pushDevicesPerPerson: 20,
  /** People on one privacy list (more is ST_ERR_TOO_MANY_IDS). */
  privacyListPeople: 1000,
  /** Length of a contact's nickname, after trimming. */
  contactNicknameLength: 64,
  /** Longest idle time a person may choose in their preferences, in minutes (0 means never idle). */
  idleMinutesMax: 480,
  /** Privacy-list and preference changes (together) one person may make per window before ST_ERR_RATE_LIMITED. */
  settingsWrites: 60,
  settingsWriteWindowSeconds: 60,
} as const;
