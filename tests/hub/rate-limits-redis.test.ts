import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, RATE_LIMITS } from '#protocol';
import type { RateTable } from '#hub/net/hub-limits';
import { createRateStore } from '#hub/net/rate-store';
import { startHub, type Hub } from '#hub/server';
import { seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { startRedis } from './redis-server';
import { BACKENDS, connect, openTestDb, wsUrl, type TestSocket } from './support';

/**
 * Rate-limit counts in Redis (REDIS_URL, FEATURES I4, I6): two hub instances on one database count one
 * visitor together, where each would count alone in memory; while Redis is away each counts on its
 * own instead of failing; a REDIS_URL nobody answers stops the hub at start.
 */

const TABLE: RateTable = {
  ...RATE_LIMITS,
  visitorFrames: {
    ...RATE_LIMITS.visitorFrames,
    send: { socket: { points: 2, seconds: 60 }, visitor: { points: 3, seconds: 60 } },
  },
};

describe.each(BACKENDS)('rate limits in Redis, two hubs on %s', (backend) => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let db: Db;
  let a: Hub;
  let b: Hub;
  beforeAll(async () => {
    redis = await startRedis();
    db = await openTestDb(backend);
    a = await startHub({ db, port: 0, redisUrl: redis.url, rateLimits: TABLE, timers: false });
    b = await startHub({ db, port: 0, redisUrl: redis.url, rateLimits: TABLE, timers: false });
    await seedDemo(db);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    await redis?.stop();
  });

  async function visitor(hub: Hub, token?: string) {
    const s = await connect(wsUrl(hub.url, '/ws/visitor'));
    s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...(token ? { token } : {}) });
    return { s, welcome: await s.next((f) => f.type === 'welcome') };
  }
  async function send(s: TestSocket) {
    const clientId = randomUUID();
    s.send({ type: 'send', clientId, text: 'hi', pageUrl: 'https://shop.example/' });
    const answer = await s.next((f) => (f.type === 'ack' && f.clientId === clientId) || f.type === 'error');
    return answer.type === 'ack' ? 'ok' : answer.code;
  }

  it("counts one visitor's messages on both hubs together", async () => {
    const onA = await visitor(a);
    expect([await send(onA.s), await send(onA.s)]).toEqual(['ok', 'ok']);
    // On hub b, a new socket (its own count) for the same visitor: the visitor's third passes, the fourth is refused.
    const onB = await visitor(b, onA.welcome.token);
    expect([await send(onB.s), await send(onB.s)]).toEqual(['ok', 'rate_limited']);
    onA.s.close();
    onB.s.close();
  });

  it('counts in memory while Redis is away, and refuses nothing for that', async () => {
    const store = await createRateStore(redis.url);
    const limiter = store.limiter(`probe-${backend}`, { points: 2, seconds: 60 });
    expect(await limiter.take('k')).toBeNull();
    store.redis!.disconnect();
    // The insurance limiter answers: allowed once more (its own count), then refused.
    expect(await limiter.take('k')).toBeNull();
    expect(await limiter.take('k')).toBeNull();
    expect(await limiter.take('k')).toEqual(expect.any(Number));
    await store.close();
  });
});

describe('a REDIS_URL nobody answers', () => {
  it('stops the hub at start, saying so', async () => {
    await expect(createRateStore('redis://127.0.0.1:1')).rejects.toThrow(/REDIS_URL: cannot connect/);
  });
});
