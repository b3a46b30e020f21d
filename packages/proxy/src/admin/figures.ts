/**
 * This node's figures for the System Console: what it holds now, and the rate of events it sent
 * to clients since the previous look (at least a second apart, so a look in between does not make
 * the interval meaninglessly short).
 */
import { NodeState } from '@st/protocol';
import type { NodeFigures } from '../cluster/types.ts';
import type { ProxyContext } from '../context.ts';

const MIN_INTERVAL_MS = 1000;

export function figuresOf(context: ProxyContext, startedAt: number): () => NodeFigures {
  const sent = () => {
    const { websocket, sse, poll } = context.metrics.hot.eventsSent;
    return websocket + sse + poll;
  };
  let sampledAt = performance.now();
  let sampledCount = sent();
  let rate = 0;
  return () => {
    const now = performance.now();
    if (now - sampledAt >= MIN_INTERVAL_MS) {
      const count = sent();
      rate = ((count - sampledCount) * 1000) / (now - sampledAt);
      sampledAt = now;
      sampledCount = count;
    }
    return {
      state: context.state.draining ? NodeState.Draining : NodeState.Ready,
      startedAt,
      logins: context.logins.size,
      streams: context.streams.connectedByTransport(),
      watchedPeople: context.fanout.watchedPeople,
      messagesPerSecond: Math.round(rate * 10) / 10,
    };
  };
}
