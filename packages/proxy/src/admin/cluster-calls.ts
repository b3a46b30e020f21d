/**
 * The admin API's questions to the other nodes of a cluster, over the event bus: a request goes to
 * every node (or to one, `to`), each answers on a topic of answers naming the asker, and the asker
 * waits for the nodes it expects, or for a moment when one does not answer (it may be stopping).
 * One proxy alone has nobody to ask. Requests are rare (an administrator's clicks), so broadcast
 * topics cost nothing that matters.
 */
import type { FastifyBaseLogger } from 'fastify';
import { randomToken } from '../auth/tokens.ts';
import { BroadcastTopic, type EventBus } from '../cluster/types.ts';

/** How long an asker waits for nodes that do not answer. */
export const ANSWER_TIMEOUT_MS = 2000;

export const CallOp = { Sessions: 'sessions', EndSessions: 'end-sessions', Drain: 'drain' } as const;
export type CallOp = (typeof CallOp)[keyof typeof CallOp];

interface CallRequest {
  id: string;
  from: string;
  /** Only this node answers (the others ignore the request). */
  to?: string;
  op: CallOp;
  args: unknown;
}

interface CallAnswer {
  id: string;
  to: string;
  node: string;
  answer: unknown;
}

interface Pending {
  waiting: Set<string>;
  answers: Map<string, unknown>;
  finish: () => void;
}

export type CallHandler = (op: CallOp, args: unknown) => Promise<unknown>;

export class ClusterCalls {
  private readonly pending = new Map<string, Pending>();
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly bus: EventBus,
    private readonly nodeId: string,
    private readonly handle: CallHandler,
    private readonly log: FastifyBaseLogger,
  ) {
    this.unsubscribe = [
      bus.onBroadcast(BroadcastTopic.Admin, (payload) => this.heardRequest(payload)),
      bus.onBroadcast(BroadcastTopic.AdminAnswers, (payload) => this.heardAnswer(payload)),
    ];
  }

  /**
   * Asks `nodes` (others than this one) and answers what each said; a node that did not answer
   * within ANSWER_TIMEOUT_MS is missing from the map.
   */
  ask(op: CallOp, args: unknown, nodes: readonly string[], to?: string): Promise<Map<string, unknown>> {
    const expected = nodes.filter((node) => node !== this.nodeId);
    if (expected.length === 0) return Promise.resolve(new Map());
    const id = randomToken(12);
    return new Promise((resolve) => {
      const answers = new Map<string, unknown>();
      const finish = () => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(answers);
      };
      const timer = setTimeout(finish, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { waiting: new Set(expected), answers, finish });
      const request: CallRequest = { id, from: this.nodeId, op, args, ...(to ? { to } : {}) };
      this.bus.broadcast(BroadcastTopic.Admin, JSON.stringify(request));
    });
  }

  private heardRequest(payload: string): void {
    let request: CallRequest;
    try {
      request = JSON.parse(payload) as CallRequest;
    } catch {
      return;
    }
    if (request.to !== undefined && request.to !== this.nodeId) return;
    this.handle(request.op, request.args)
      .then((answer) => {
        const reply: CallAnswer = { id: request.id, to: request.from, node: this.nodeId, answer };
        this.bus.broadcast(BroadcastTopic.AdminAnswers, JSON.stringify(reply));
      })
      .catch((error: unknown) => this.log.warn({ err: error, op: request.op }, 'admin request failed'));
  }

  private heardAnswer(payload: string): void {
    let answer: CallAnswer;
    try {
      answer = JSON.parse(payload) as CallAnswer;
    } catch {
      return;
    }
    if (answer.to !== this.nodeId) return;
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    pending.answers.set(answer.node, answer.answer);
    pending.waiting.delete(answer.node);
    if (pending.waiting.size === 0) pending.finish();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const pending of [...this.pending.values()]) pending.finish();
  }
}
