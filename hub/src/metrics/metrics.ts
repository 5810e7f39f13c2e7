import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What a hub tells Prometheus (issue 16, FEATURES I6): the metrics themselves and the small
 * functions the rest of the hub calls to move them. One registry per process (one hub per process
 * in production); what depends on a running hub — its connections, its feed, an outbox — is read at
 * scrape time from callbacks that hub registers, so a stopped hub stops counting. Served by
 * metrics/server.ts, only when PARLEY_METRICS=1.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'parley_' });

type Source = () => number | Promise<number>;
/** Callbacks read at scrape time, by label value; several hubs in one process (tests) add up. */
function sources(): { add(label: string, read: Source): () => void; read(): Promise<Map<string, number>> } {
  const all = new Set<{ label: string; read: Source }>();
  return {
    add(label, read) {
      const entry = { label, read };
      all.add(entry);
      return () => all.delete(entry);
    },
    async read() {
      const sums = new Map<string, number>();
      for (const { label, read } of all) sums.set(label, (sums.get(label) ?? 0) + (await read()));
      return sums;
    },
  };
}

const connectionSources = sources();
new Gauge({
  name: 'parley_connections',
  help: 'Open WebSocket connections, by kind (rep, visitor).',
  labelNames: ['kind'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const [kind, n] of await connectionSources.read()) this.set({ kind }, n);
  },
});

const appended = new Counter({
  name: 'parley_events_appended_total',
  help: 'Events appended to the log by this process (committed or not).',
  registers: [registry],
});
const delivered = new Counter({
  name: 'parley_events_delivered_total',
  help: 'Events sent to connections, by kind of connection (rep, visitor).',
  labelNames: ['kind'],
  registers: [registry],
});
const writeSeconds = new Histogram({
  name: 'parley_write_transaction_seconds',
  help: 'Duration of write transactions (writeTx), from begin to commit.',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

const lagSources = sources();
new Gauge({
  name: 'parley_feed_lag_events',
  help: "Event ids drawn in the log that this hub's feed has not passed yet (in flight, or not yet read).",
  registers: [registry],
  async collect() {
    this.set([...(await lagSources.read()).values()].reduce((a, b) => Math.max(a, b), 0));
  },
});

const redisReconnects = new Counter({
  name: 'parley_redis_reconnects_total',
  help: 'Times a Redis connection of this hub was re-established after being lost.',
  registers: [registry],
});

const outboxSources = sources();
new Gauge({
  name: 'parley_outbox_depth',
  help: 'Items waiting in an outbox of this hub, by outbox.',
  labelNames: ['outbox'],
  registers: [registry],
  async collect() {
    this.reset();
    for (const [outbox, n] of await outboxSources.read()) this.set({ outbox }, n);
  },
});

export const countAppended = () => appended.inc();
export const countDelivered = (kind: 'rep' | 'visitor') => delivered.inc({ kind });
/** Starts timing one write transaction; call the result when it commits. */
export const timeWrite = (): (() => void) => writeSeconds.startTimer();
/** For the Redis bus: call on every reconnect after the first connect. */
export const countRedisReconnect = () => redisReconnects.inc();
/** A hub's open connections of one kind, read at scrape time. Returns the unregister function. */
export const watchConnections = (kind: 'rep' | 'visitor', read: Source) => connectionSources.add(kind, read);
/** A hub feed's lag behind the log, read at scrape time. */
export const watchFeedLag = (read: Source) => lagSources.add('feed', read);
/** An outbox's depth, read at scrape time (e.g. `watchOutbox('mail', () => queue.length)`). */
export const watchOutbox = (name: string, read: Source) => outboxSources.add(name, read);
