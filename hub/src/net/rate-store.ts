import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Rate } from '#protocol';

/**
 * Where rate-limit counters live (FEATURES I4): this process's memory, or Redis when REDIS_URL is set, so
 * every hub instance behind one load balancer counts together. Counting is rate-limiter-flexible's;
 * with Redis, a key already over its limit is refused from memory without asking Redis again (a flood
 * does not become a Redis flood), and while Redis cannot be reached each process counts on its own
 * (insurance limiter) rather than refusing everyone or letting everything through.
 */

export interface Limiter {
  /** Counts one for `key`: null when allowed, else how many ms until it would be. */
  take(key: string): Promise<number | null>;
  /** Counts one for `key`: how many it has now in its window (past the limit too), and the ms until that window ends. */
  count(key: string): Promise<{ count: number; msLeft: number }>;
  /** Takes back one count of `key`. */
  giveBack(key: string): Promise<void>;
  /** Refuses `key` for `seconds` from now. */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets `key`'s count. */
  reset(key: string): Promise<void>;
}

export interface RateStore {
  /** Counted where the store counts: Redis when there is one. */
  limiter(name: string, rate: Rate): Limiter;
  /** Counted in this process only, for keys that live in it (one socket). */
  local(name: string, rate: Rate): Limiter;
  /** The Redis connection (REDIS_URL), for @fastify/rate-limit's own store; null in memory. */
  redis: Redis | null;
  close(): Promise<void>;
}

const wrap = (rl: RateLimiterAbstract): Limiter => {
  /** rate-limiter-flexible rejects with the count when past the limit; both are a count here. */
  const consume = (key: string) =>
    rl.consume(key, 1).then(
      (res) => ({ res, refused: false }),
      (rejected: unknown) => {
        if (rejected instanceof RateLimiterRes) return { res: rejected, refused: true };
        throw rejected;
      },
    );
  return {
    async take(key) {
      const { res, refused } = await consume(key);
      return refused ? Math.max(1, Math.ceil(res.msBeforeNext)) : null;
    },
    async count(key) {
      const { res } = await consume(key);
      return { count: res.consumedPoints, msLeft: Math.max(1, Math.ceil(res.msBeforeNext)) };
    },
    giveBack: async (key) => void (await rl.reward(key, 1)),
    block: async (key, seconds) => void (await rl.block(key, seconds)),
    reset: async (key) => void (await rl.delete(key)),
  };
};

/** Connects to REDIS_URL first when given, so a wrong address stops the hub at start with a clear message. */
export async function createRateStore(redisUrl?: string): Promise<RateStore> {
  const memory = (name: string, rate: Rate) =>
    new RateLimiterMemory({ keyPrefix: name, points: rate.points, duration: rate.seconds });
  const local = (name: string, rate: Rate) => wrap(memory(name, rate));
  if (!redisUrl) return { limiter: local, local, redis: null, close: async () => {} };
  // No offline queue: while Redis is away a count fails at once and the insurance limiter answers.
  const redis = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => {}); // reconnects by itself; each failed count falls back to memory
  await redis.connect().catch((err: Error) => {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot connect (${err.message})`);
  });
  return {
    limiter: (name, rate) =>
      wrap(
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `parley:rl:${name}`,
          points: rate.points,
          duration: rate.seconds,
          rejectIfRedisNotReady: true,
          inMemoryBlockOnConsumed: rate.points + 1,
          insuranceLimiter: memory(name, rate),
        }),
      ),
    local,
    redis,
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
