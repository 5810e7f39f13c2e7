import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { CLUSTER_LIMITS, HEARTBEAT_TIMEOUT_SECONDS } from '#protocol';
import type { Log } from '../log';
import { countRedisReconnect } from '../metrics/metrics';
import { createLocalHolds, createTopics, type Cluster, type Holds } from './cluster';

/**
 * The cluster's shared state in Redis (REDIS_URL, FEATURES I6). One channel carries every topic
 * (a hub's own messages are delivered to it at once, not through Redis); each hub keeps what it
 * holds in one hash per kind, written again on every beat (so a restarted Redis has it back within a
 * beat) and expiring if the hub stops; a sorted set says when each hub last beat. ioredis reconnects by
 * itself: meanwhile, and once more when back, the hub is told to catch up from the log.
 */
const CHANNEL = 'parley:bus';
const HUBS = 'parley:hubs';
/** When this Redis's shared state began (set by the first hub to connect after Redis started). */
const SINCE = 'parley:since';
const holdKey = (kind: string, hubId: string) => `parley:hold:${kind}:${hubId}`;
const DEAD_MS = HEARTBEAT_TIMEOUT_SECONDS * 1000;
/** A dead hub's holds outlive its death long enough for the sweep to read them. */
const HOLD_TTL_MS = 3 * DEAD_MS;

type Envelope = { h: string; t: string; m: unknown };

export async function createRedisCluster(url: string, log: Log): Promise<Cluster> {
  const hubId = randomUUID();
  // Commands fail at once while Redis is away (no queue): the beat writes everything again when it is back.
  const cmd = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const sub = new Redis(url, { lazyConnect: true });
  const topics = createTopics((err) => log.error({ err }, 'cluster: a topic handler failed'));
  const catchUps = new Set<() => void>();
  const kinds = new Map<string, Map<string, string>>();
  let closed = false;
  let lost = false;
  let poll: NodeJS.Timeout | null = null;
  const catchUp = () => catchUps.forEach((l) => l());

  cmd.on('error', () => {}); // reconnects by itself; the next beat repairs
  sub.on('error', () => {});
  sub.on('close', () => {
    if (closed || lost) return;
    lost = true;
    log.warn('cluster: Redis connection lost; reading the log every second until it is back');
    poll = setInterval(catchUp, CLUSTER_LIMITS.pollMs);
  });
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    if (poll) clearInterval(poll);
    countRedisReconnect();
    log.info('cluster: Redis is back');
    catchUp();
    // Another hub's commit published while this one was resubscribing: one more look, a moment later.
    setTimeout(catchUp, CLUSTER_LIMITS.pollMs).unref();
  });
  sub.on('message', (_channel: string, raw: string) => {
    let e: Envelope;
    try {
      e = JSON.parse(raw) as Envelope;
    } catch {
      return;
    }
    if (e.h !== hubId) void topics.deliver(e.t, e.m);
  });

  async function beat() {
    const tx = cmd.multi().zadd(HUBS, Date.now(), hubId).set(SINCE, Date.now(), 'NX');
    for (const [kind, mine] of kinds) {
      const key = holdKey(kind, hubId);
      tx.del(key);
      if (mine.size > 0) tx.hset(key, Object.fromEntries(mine)).pexpire(key, HOLD_TTL_MS);
    }
    await tx.exec();
  }
  const beatQuietly = () => void beat().catch(() => {});
  cmd.on('ready', beatQuietly);

  try {
    await cmd.connect();
    await sub.connect();
    await sub.subscribe(CHANNEL);
    await beat();
  } catch (err) {
    cmd.disconnect();
    sub.disconnect();
    throw new Error(`REDIS_URL: cannot connect (${(err as Error).message})`, { cause: err });
  }
  const beating = setInterval(beatQuietly, CLUSTER_LIMITS.beatMs);

  const liveHubs = () => cmd.zrangebyscore(HUBS, Date.now() - DEAD_MS, '+inf');

  function holds(kind: string): Holds {
    const { holds: local, mine } = createLocalHolds();
    kinds.set(kind, mine);
    const others = async () => (await liveHubs()).filter((h) => h !== hubId);
    return {
      set(key, value) {
        local.set(key, value);
        void cmd.hset(holdKey(kind, hubId), key, value).catch(() => {});
      },
      delete(key) {
        local.delete(key);
        void cmd.hdel(holdKey(kind, hubId), key).catch(() => {});
      },
      async everywhere() {
        const hubs = await others();
        const all = new Map<string, string>();
        const read = hubs.length ? await cmd.pipeline(hubs.map((h) => ['hgetall', holdKey(kind, h)])).exec() : [];
        for (const [err, value] of read ?? []) {
          if (err) throw err;
          for (const [k, v] of Object.entries(value as Record<string, string>)) all.set(k, v);
        }
        for (const [k, v] of mine) all.set(k, v);
        return all;
      },
      async anywhere(key) {
        if (mine.has(key)) return true;
        const hubs = await others();
        if (hubs.length === 0) return false;
        const found = await cmd.pipeline(hubs.map((h) => ['hexists', holdKey(kind, h), key])).exec();
        return (found ?? []).some(([err, n]) => {
          if (err) throw err;
          return n === 1;
        });
      },
    };
  }

  return {
    hubId,
    single: false,
    async publish(topic, message) {
      const wire = JSON.stringify({ h: hubId, t: topic, m: message } satisfies Envelope);
      await Promise.all([topics.deliver(topic, message), cmd.publish(CHANNEL, wire).catch(() => {})]);
    },
    subscribe: topics.subscribe,
    onReconnect(listener) {
      catchUps.add(listener);
      return () => void catchUps.delete(listener);
    },
    async claim(key, ttlMs) {
      return (await cmd.set(`parley:claim:${key}`, hubId, 'PX', ttlMs, 'NX').catch(() => null)) === 'OK';
    },
    holds,
    async settled() {
      const since = Number(await cmd.get(SINCE));
      return since > 0 && Date.now() - since > 2 * CLUSTER_LIMITS.beatMs;
    },
    async reapDeadHubs() {
      const gone = new Map<string, Map<string, string>>([...kinds.keys()].map((k) => [k, new Map()]));
      for (const hub of await cmd.zrangebyscore(HUBS, '-inf', `(${Date.now() - DEAD_MS}`)) {
        for (const [kind, held] of gone) {
          const key = holdKey(kind, hub);
          for (const [k, v] of Object.entries(await cmd.hgetall(key))) held.set(k, v);
          await cmd.del(key);
        }
        await cmd.zrem(HUBS, hub);
        log.warn({ hub }, 'cluster: a hub stopped beating; what it held is dropped');
      }
      return gone;
    },
    async close() {
      closed = true;
      clearInterval(beating);
      if (poll) clearInterval(poll);
      // What it held stays until it would count as dead: its clients reconnect elsewhere meanwhile.
      await Promise.all([cmd.quit().catch(() => cmd.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
