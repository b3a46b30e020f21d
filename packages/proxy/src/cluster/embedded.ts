/**
 * The cluster seams for one proxy alone: nothing to share, so nothing to send, and every
 * question about "elsewhere" answers no. They cost a call and nothing else on the hot paths.
 */
import type { ClusterReach, EventBus, NodeFigures, NodeRecord, NodeRoster } from './types.ts';

const nothing = () => {};

export const LOCAL_BUS: EventBus = {
  toPerson: nothing,
  listenFor: nothing,
  stopListeningFor: nothing,
  onPersonEvent: () => nothing,
  broadcast: nothing,
  onBroadcast: () => nothing,
};

export const LOCAL_REACH: ClusterReach = {
  liveElsewhere: () => false,
  foregroundElsewhere: async () => false,
  changed: nothing,
};

/** One proxy alone: the roster is this proxy, as of now. */
export class LocalRoster implements NodeRoster {
  private figures: (() => NodeFigures) | undefined;

  constructor(private readonly nodeId: string) {}

  report(figures: () => NodeFigures): void {
    this.figures = figures;
  }

  async list(): Promise<NodeRecord[]> {
    return this.figures ? [{ id: this.nodeId, lastHeartbeatAt: Date.now(), ...this.figures() }] : [];
  }
}
