import { randomUUID } from 'node:crypto';

/**
 * What several hub instances on one database share besides it (FEATURES I6): topics every hub hears
 * (wake-ups after a commit, viewers, drafts, typing, dropped caches), holds (what each hub has right
 * now — reps and visitors with a socket, conversations open — gone with the hub when it dies) and
 * once-only claims for timers. None of it is history: the event log in the database stays the truth.
 * One hub (no REDIS_URL) keeps all of it in memory (here); several share it through Redis
 * (redis-cluster.ts).
 */
export type TopicHandler = (message: unknown) => void | Promise<void>;

export interface Cluster {
  readonly hubId: string;
  /** Every hub hears it, this one at once (its handlers have run when this resolves), the others through Redis. */
  publish(topic: string, message: unknown): Promise<void>;
  subscribe(topic: string, handler: TopicHandler): () => void;
  /** The connection to the others came back after a break: whatever was said meanwhile is lost, so catch up. */
  onReconnect(listener: () => void): () => void;
  /** True for one hub only per key until `ttlMs` have passed (a timer that must run once for all). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** What this hub holds of one kind, and what all live hubs hold. */
  holds(kind: string): Holds;
  /** False while the shared state may be incomplete: Redis restarted, hubs are still writing what they hold. */
  settled(): Promise<boolean>;
  /** Live hubs that stopped beating are dropped; returns, for each kind, what they held. */
  reapDeadHubs(): Promise<Map<string, Map<string, string>>>;
  /** True when it is memory: one hub, nobody else to tell. */
  readonly single: boolean;
  close(): Promise<void>;
}

export interface Holds {
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Everything every live hub holds (this one's own read from memory). */
  everywhere(): Promise<Map<string, string>>;
  /** Whether any live hub holds `key`. */
  anywhere(key: string): Promise<boolean>;
}

/** Calls the topic's handlers; a failing one is reported, never stops the others. */
export function createTopics(onError: (err: unknown) => void) {
  const handlers = new Map<string, Set<TopicHandler>>();
  return {
    async deliver(topic: string, message: unknown) {
      await Promise.all(
        [...(handlers.get(topic) ?? [])].map(async (h) => {
          try {
            await h(message);
          } catch (err) {
            onError(err);
          }
        }),
      );
    },
    subscribe(topic: string, handler: TopicHandler) {
      const set = handlers.get(topic) ?? new Set();
      handlers.set(topic, set);
      set.add(handler);
      return () => void set.delete(handler);
    },
  };
}

export function createLocalHolds() {
  const mine = new Map<string, string>();
  const holds: Holds = {
    set: (key, value) => void mine.set(key, value),
    delete: (key) => void mine.delete(key),
    everywhere: async () => new Map(mine),
    anywhere: async (key) => mine.has(key),
  };
  return { holds, mine };
}

/** One hub alone: everything in this process. */
export function createLocalCluster(onError: (err: unknown) => void = () => {}): Cluster {
  const topics = createTopics(onError);
  const kinds = new Map<string, Holds>();
  return {
    hubId: randomUUID(),
    single: true,
    publish: (topic, message) => topics.deliver(topic, message),
    subscribe: topics.subscribe,
    onReconnect: () => () => {},
    claim: async () => true,
    holds(kind) {
      const existing = kinds.get(kind);
      if (existing) return existing;
      const { holds } = createLocalHolds();
      kinds.set(kind, holds);
      return holds;
    },
    settled: async () => true,
    reapDeadHubs: async () => new Map(),
    close: async () => {},
  };
}
