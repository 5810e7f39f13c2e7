import type { Cluster } from '../cluster/cluster';

/**
 * Tells every hub process that new events were committed (FEATURES I6). In-process by default; with
 * REDIS_URL the wake-up goes to every hub over Redis pub/sub (cluster/redis-cluster.ts), and a hub
 * whose connection to Redis broke reads the log while it is away and once more when it is back.
 * It carries no data: readers take the events from the log, so nothing can be lost or reordered by it.
 */
export interface Notifier {
  notify(): void;
  onNotify(listener: () => void): () => void;
  close(): Promise<void>;
}

export function createLocalNotifier(): Notifier {
  const listeners = new Set<() => void>();
  return {
    notify: () => listeners.forEach((l) => l()),
    onNotify(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => listeners.clear(),
  };
}

const WAKE = 'events.committed';

/** Wake-ups through the cluster: this hub's own feed at once, the others through Redis. */
export function createClusterNotifier(cluster: Cluster): Notifier {
  const stops: (() => void)[] = [];
  return {
    notify: () => void cluster.publish(WAKE, 0),
    onNotify(listener) {
      const stop = [cluster.subscribe(WAKE, listener), cluster.onReconnect(listener)];
      stops.push(...stop);
      return () => stop.forEach((s) => s());
    },
    close: async () => stops.forEach((s) => s()),
  };
}
