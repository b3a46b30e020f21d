/** The admin API's status-like values, without zod (the console imports them from `/core`). */

/** A node's state: serving, draining (not ready, moving its streams away), or gone (no heartbeat). */
export const NodeState = { Ready: 'ready', Draining: 'draining', Gone: 'gone' } as const;
export type NodeState = (typeof NodeState)[keyof typeof NodeState];
export const NODE_STATES = Object.values(NodeState) as [NodeState, ...NodeState[]];

/** Whether a backend answered its health check in time. */
export const HealthStatus = { Ok: 'ok', Unavailable: 'unavailable' } as const;
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];
