/**
 * What the admin API does, for one node and through it for the cluster: list the nodes with their
 * figures, check health, drain a node, and find or end a person's sessions wherever they are held.
 */
import {
  type AdminHealthResponse,
  type AdminNode,
  type AdminNodesResponse,
  type AdminSession,
  NodeState,
} from '@st/protocol';
import type { NodeRecord } from '../cluster/types.ts';
import type { ProxyContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { CallOp, ClusterCalls } from './cluster-calls.ts';
import { figuresOf } from './figures.ts';
import { checkHealth } from './health.ts';
import { endLocalSessions, type LocalSession, localSessions } from './sessions.ts';

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

function toAdminNode(record: NodeRecord, self: string): AdminNode {
  return {
    id: record.id,
    state: record.state,
    self: record.id === self,
    startedAt: iso(record.startedAt),
    lastHeartbeatAt: iso(record.lastHeartbeatAt),
    logins: record.logins,
    streams: record.streams,
    watchedPeople: record.watchedPeople,
    messagesPerSecond: record.messagesPerSecond,
  };
}

/** One login as held by one or more nodes: the figures added up, the latest activity kept. */
function mergeSessions(views: LocalSession[]): AdminSession[] {
  const byId = new Map<string, AdminSession & { seen: number }>();
  for (const view of views) {
    const known = byId.get(view.sessionId);
    if (!known) {
      byId.set(view.sessionId, {
        sessionId: view.sessionId,
        nodes: [view.node],
        client: view.client,
        userAgent: view.userAgent,
        createdAt: iso(view.createdAt),
        lastSeenAt: iso(view.lastSeenAt),
        streams: view.streams,
        seen: view.lastSeenAt,
      });
      continue;
    }
    known.nodes.push(view.node);
    known.streams += view.streams;
    known.userAgent ??= view.userAgent;
    if (view.lastSeenAt > known.seen) {
      known.seen = view.lastSeenAt;
      known.lastSeenAt = iso(view.lastSeenAt);
    }
  }
  return [...byId.values()]
    .map(({ seen: _seen, ...session }) => ({ ...session, nodes: session.nodes.sort() }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export class AdminService {
  private readonly calls: ClusterCalls;
  private readonly nodeId: string;

  constructor(private readonly context: ProxyContext) {
    this.nodeId = context.cluster.nodeId;
    const figures = figuresOf(context, Date.now());
    context.cluster.roster.report(figures);
    this.calls = new ClusterCalls(
      context.cluster.bus,
      this.nodeId,
      (op, args) => this.answer(op, args),
      context.log,
    );
  }

  /** What this node answers to another node's admin request. */
  private async answer(op: CallOp, args: unknown): Promise<unknown> {
    const { userId, sessionId } = (args ?? {}) as { userId?: string; sessionId?: string };
    switch (op) {
      case CallOp.Sessions:
        return localSessions(this.context, String(userId));
      case CallOp.EndSessions:
        return endLocalSessions(this.context, String(userId), sessionId);
      case CallOp.Drain:
        this.drainSoon();
        return true;
    }
  }

  /** Drains after the answer went out, so the asker hears it before this node stops answering. */
  private drainSoon(): void {
    this.context.log.info('drain requested through the admin API');
    setImmediate(() => this.context.requestDrain());
  }

  /** The roster from Redis; a Redis out of reach is the cluster's trouble, not the caller's (503). */
  private async records(): Promise<NodeRecord[]> {
    try {
      return await this.context.cluster.roster.list();
    } catch {
      throw new ApiError('ST_ERR_COMMUNITY_UNAVAILABLE', {
        message: 'The cluster (Redis) cannot be reached; try again shortly.',
      });
    }
  }

  async nodes(): Promise<AdminNodesResponse> {
    const records = await this.records();
    const nodes = records.map((record) => toAdminNode(record, this.nodeId));
    nodes.sort((a, b) => a.id.localeCompare(b.id));
    return { clustered: this.context.cluster.shared, nodes };
  }

  async health(): Promise<AdminHealthResponse> {
    return { node: this.nodeId, checks: await checkHealth(this.context) };
  }

  /** The nodes that may answer now (listed and not gone). */
  private async liveNodes(): Promise<string[]> {
    if (!this.context.cluster.shared) return [];
    const records = await this.records();
    return records.filter((record) => record.state !== NodeState.Gone).map((record) => record.id);
  }

  /** Asks the node `nodeId` to drain (this one, or another through the cluster). */
  async drain(nodeId: string): Promise<void> {
    if (nodeId === this.nodeId) {
      this.drainSoon();
      return;
    }
    const live = await this.liveNodes();
    if (!live.includes(nodeId)) throw new ApiError('ST_ERR_NODE_NOT_FOUND');
    const answers = await this.calls.ask(CallOp.Drain, {}, [nodeId], nodeId);
    if (!answers.has(nodeId)) throw new ApiError('ST_ERR_NODE_UNREACHABLE');
  }

  async sessions(userId: string): Promise<AdminSession[]> {
    const answers = await this.calls.ask(CallOp.Sessions, { userId }, await this.liveNodes());
    const views = [...localSessions(this.context, userId)];
    for (const answer of answers.values())
      if (Array.isArray(answer)) views.push(...(answer as LocalSession[]));
    return mergeSessions(views);
  }

  /** Logs out the person's sessions (or the one named) on every node; answers how many ended. */
  async endSessions(userId: string, sessionId?: string): Promise<number> {
    // Every node is asked, not only those holding it: a login is ended everywhere it is known.
    const args = sessionId === undefined ? { userId } : { userId, sessionId };
    const answers = await this.calls.ask(CallOp.EndSessions, args, await this.liveNodes());
    // A login held by several nodes is one session, however many of them ended it.
    const ended = new Set(endLocalSessions(this.context, userId, sessionId));
    for (const answer of answers.values())
      if (Array.isArray(answer)) for (const id of answer) ended.add(String(id));
    return ended.size;
  }

  stop(): void {
    this.calls.stop();
  }
}
