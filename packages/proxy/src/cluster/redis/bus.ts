/**
 * The event bus on Redis pub/sub. Events for a person go to `st:e:<person>`, which a proxy
 * subscribes to while it holds streams of that person (the registry counts them: one SUBSCRIBE per
 * person per proxy); broadcasts go to `st:b:<topic>`, which every proxy subscribes to. Each
 * message starts with the sending proxy's id, so a proxy skips its own (it reached its own streams
 * directly). Pub/sub delivers at most once: what a proxy misses while Redis is away, its streams'
 * clients reload (chat history, snapshots) when they reconnect; see docs/cluster.md.
 */
import type { BroadcastTopic, EventBus, PersonEventListener } from '../types.ts';
import type { RedisNode } from './node.ts';

const PERSON = 'st:e:';
const BROADCAST = 'st:b:';

export class RedisEventBus implements EventBus {
  private readonly personListeners = new Set<PersonEventListener>();
  private readonly topicListeners = new Map<string, Set<(payload: string) => void>>();
  private readonly prefix: string;

  constructor(private readonly node: RedisNode) {
    this.prefix = `${node.nodeId}\n`;
    node.on(PERSON, (channel, message) => this.heardPerson(channel.slice(PERSON.length), message));
    node.on(BROADCAST, (channel, message) => this.heardBroadcast(channel.slice(BROADCAST.length), message));
  }

  toPerson(userId: string, type: string, body: string): void {
    this.publish(PERSON + userId, `${this.prefix}${type}\n${body}`);
  }

  listenFor(userId: string): void {
    this.node.subscriber.subscribe(PERSON + userId).catch(() => {});
  }

  stopListeningFor(userId: string): void {
    this.node.subscriber.unsubscribe(PERSON + userId).catch(() => {});
  }

  onPersonEvent(listener: PersonEventListener): () => void {
    this.personListeners.add(listener);
    return () => this.personListeners.delete(listener);
  }

  broadcast(topic: BroadcastTopic, payload: string): void {
    this.publish(BROADCAST + topic, this.prefix + payload);
  }

  onBroadcast(topic: BroadcastTopic, listener: (payload: string) => void): () => void {
    let set = this.topicListeners.get(topic);
    if (!set) {
      set = new Set();
      this.topicListeners.set(topic, set);
      this.node.subscriber.subscribe(BROADCAST + topic).catch(() => {});
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  private publish(channel: string, message: string): void {
    this.node.redis.publish(channel, message).catch(() => {});
  }

  private heardPerson(userId: string, message: string): void {
    if (message.startsWith(this.prefix)) return;
    const start = message.indexOf('\n') + 1;
    const end = message.indexOf('\n', start);
    if (start === 0 || end < 0) return;
    const type = message.slice(start, end);
    const body = message.slice(end + 1);
    for (const listener of this.personListeners) listener(userId, type, body);
  }

  private heardBroadcast(topic: string, message: string): void {
    if (message.startsWith(this.prefix)) return;
    const payload = message.slice(message.indexOf('\n') + 1);
    for (const listener of this.topicListeners.get(topic) ?? []) listener(payload);
  }
}
