/**
 * The admin API (`/api/v1/admin/...`, for the people listed in `ST_ADMINS`): the nodes of the
 * cluster with their figures, the health of what the proxies depend on, draining a node, and a
 * person's sessions across the cluster. The System Console at `/console` is built on it.
 */
import { z } from 'zod';
import { HealthStatus, NODE_STATES, NodeState } from './admin-states.ts';
import { UserId, UserSummary } from './api.ts';

/** A node's name in a cluster (ST_NODE_ID): letters, digits and `. - _ :`. */
export const NodeId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1 to 64 letters, digits or . - _ :');

const count = z.number().int().nonnegative();
const time = z.string().describe('ISO 8601 time');

export const StreamCounts = z.object({ websocket: count, sse: count, poll: count });
export type StreamCounts = z.infer<typeof StreamCounts>;

export const AdminNode = z.object({
  id: NodeId,
  state: z.enum(NODE_STATES),
  /** The node that answered this request. */
  self: z.boolean(),
  startedAt: time,
  lastHeartbeatAt: time,
  /** Logins (tokens) the node holds. */
  logins: count,
  /** Event streams with a connected transport, by transport. */
  streams: StreamCounts,
  /** People watched by at least one stream of the node (each one community subscription). */
  watchedPeople: count,
  /** Events (presence, chat, ...) sent to clients per second over the node's last interval. */
  messagesPerSecond: z.number().nonnegative(),
});
export type AdminNode = z.infer<typeof AdminNode>;

export const AdminNodesResponse = z.object({
  /** Whether the proxies share a cluster (ST_REDIS_URL); otherwise the one node is this proxy. */
  clustered: z.boolean(),
  nodes: z.array(AdminNode),
});
export type AdminNodesResponse = z.infer<typeof AdminNodesResponse>;

export const AdminHealthCheck = z.object({
  /** What is checked: `community`, `redis`, `store` or `directory`. */
  name: z.enum(['community', 'redis', 'store', 'directory']),
  /** Which kind it is: `embedded`, `xmpp`, `redis`, `postgresql`, `sqlite`, `demo`, `file`, `ldap`. */
  kind: z.string(),
  status: z.enum([HealthStatus.Ok, HealthStatus.Unavailable]),
  /** How long the check took, in milliseconds; null when it did not answer in time. */
  latencyMs: z.number().nonnegative().nullable(),
});
export type AdminHealthCheck = z.infer<typeof AdminHealthCheck>;

export const AdminHealthResponse = z.object({
  /** The node that ran the checks. */
  node: NodeId,
  checks: z.array(AdminHealthCheck),
});
export type AdminHealthResponse = z.infer<typeof AdminHealthResponse>;

/** An admin's name for a login: derived from its token, but useless as one. */
export const SessionId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'must be a session id of 22 characters');

export const AdminSession = z.object({
  sessionId: SessionId,
  /** The nodes holding the login now (a login may be used through several). */
  nodes: z.array(NodeId),
  client: z.enum(['web', 'mobile']),
  /** The User-Agent it logged in with, when known (cut to 256 characters). */
  userAgent: z.string().nullable(),
  createdAt: time,
  lastSeenAt: time,
  /** Event streams with a connected transport, across the nodes. */
  streams: count,
});
export type AdminSession = z.infer<typeof AdminSession>;

export const AdminSessionsResponse = z.object({
  user: UserSummary,
  sessions: z.array(AdminSession),
});
export type AdminSessionsResponse = z.infer<typeof AdminSessionsResponse>;

export const AdminPersonParams = z.strictObject({ id: UserId });
export const AdminNodeParams = z.strictObject({ id: NodeId });
export const AdminSessionParams = z.strictObject({ sessionId: SessionId });

export const DrainResponse = z.object({ node: NodeId, state: z.literal(NodeState.Draining) });
export type DrainResponse = z.infer<typeof DrainResponse>;

export const EndSessionsResponse = z.object({ ended: count });
export type EndSessionsResponse = z.infer<typeof EndSessionsResponse>;
