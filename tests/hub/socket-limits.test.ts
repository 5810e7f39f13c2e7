import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, RATE_LIMITS } from '#protocol';
import type { RateTable } from '#hub/net/hub-limits';
import { BACKENDS, connect, publicAddresses, startTestHub, wsUrl, type TestSocket } from './support';

/**
 * The visitor socket's rate limits (FEATURES I4), wired for every limited frame kind and every scope: per
 * socket, per visitor, per address, in that order, and new conversations per address. The hub runs
 * with a small table (2 per socket, 3 per visitor, 4 per address) so each count is reached in a few
 * frames; visitor-flood.test.ts runs the real RATE_LIMITS. Visitors come through a trusted proxy
 * (loopback) from the public addresses the test names, since shared addresses are not counted per
 * address (net/addresses.ts).
 */

const SMALL = {
  socket: { points: 2, seconds: 60 },
  visitor: { points: 3, seconds: 60 },
  ip: { points: 4, seconds: 60 },
};
const TABLE: RateTable = {
  ...RATE_LIMITS,
  visitorFrames: {
    send: SMALL,
    botChoice: SMALL,
    identify: SMALL,
    draft: SMALL,
    hello: { visitor: { points: 2, seconds: 60 }, ip: { points: 3, seconds: 60 } },
  },
  newConversationsPerIp: { points: 2, seconds: 3600 },
};

const publicIp = publicAddresses('81.2');

const FRAMES: Record<'send' | 'botChoice' | 'identify' | 'draft', () => object> = {
  send: () => ({ type: 'send', clientId: randomUUID(), text: 'hello', pageUrl: 'https://shop.example/' }),
  botChoice: () => ({ type: 'botChoice', clientId: randomUUID(), choice: 'yes', pageUrl: 'https://shop.example/' }),
  identify: () => ({ type: 'identify', name: 'Ada' }),
  draft: () => ({ type: 'draft', text: 'typing' }),
};

describe.each(BACKENDS)('visitor socket rate limits on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend, { trustedProxies: ['loopback'], rateLimits: TABLE });
  });
  afterAll(() => t.stop());

  /** A visitor's socket from `ip`, after its welcome; `token` brings back an earlier visitor. */
  async function visitor(ip: string, token?: string) {
    const s = await connect(wsUrl(t.hub.url, '/ws/visitor'), { 'x-forwarded-for': ip });
    s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...(token ? { token } : {}) });
    const welcome = await s.next((f) => f.type === 'welcome' || f.type === 'error');
    return { s, welcome };
  }
  let barrier = 0;
  /** Sends the frame, then a ping; whether the hub refused it as rate_limited (any other answer, even an error, means it passed the limits). */
  async function attempt(s: TestSocket, frame: object): Promise<'passed' | 'limited'> {
    const mark = ++barrier;
    s.frames.length = 0;
    s.send(frame);
    s.send({ type: 'ping', t: mark });
    await s.next((f) => f.type === 'pong' && f.t === mark);
    const refusal = s.frames.find((f) => f.type === 'error' && f.code === 'rate_limited');
    if (refusal)
      expect(refusal).toMatchObject({
        limit: expect.any(Number),
        retryAfterMs: expect.any(Number),
        message: expect.stringMatching(/try again in \d+ s/),
      });
    return refusal ? 'limited' : 'passed';
  }

  it.each(Object.keys(FRAMES) as (keyof typeof FRAMES)[])(
    'counts %s frames per socket, then per visitor, then per address',
    async (kind) => {
      const ip = publicIp();
      const a = await visitor(ip);
      const make = FRAMES[kind];
      // Socket a: 2 pass, the third is refused by the socket's count.
      expect([await attempt(a.s, make()), await attempt(a.s, make()), await attempt(a.s, make())]).toEqual([
        'passed',
        'passed',
        'limited',
      ]);
      // The same visitor on a second socket: one more passes (3 for the visitor), then the visitor's count refuses.
      const a2 = await visitor(ip, a.welcome.token);
      expect([await attempt(a2.s, make()), await attempt(a2.s, make())]).toEqual(['passed', 'limited']);
      // Another visitor behind the same address: one more passes (4 for the address), then the address's count refuses.
      const b = await visitor(ip);
      expect([await attempt(b.s, make()), await attempt(b.s, make())]).toEqual(['passed', 'limited']);
      // A visitor from elsewhere is not affected.
      const c = await visitor(publicIp());
      expect(await attempt(c.s, make())).toBe('passed');
      for (const x of [a, a2, b, c]) x.s.close();
    },
  );

  it('counts hellos per visitor (coming back with its credential) and per address (new visitors it makes)', async () => {
    const ip = publicIp();
    const first = await visitor(ip);
    expect(first.welcome.type).toBe('welcome');
    // Coming back with the credential (from anywhere) counts for the visitor: 2 allowed.
    const again = await visitor(ip, first.welcome.token);
    expect(again.welcome.type).toBe('welcome');
    const fromElsewhere = await visitor(publicIp(), first.welcome.token);
    expect(fromElsewhere.welcome.type).toBe('welcome');
    const third = await visitor(publicIp(), first.welcome.token);
    expect(third.welcome).toMatchObject({ type: 'error', code: 'rate_limited', limit: 2 });
    // The address's fourth hello (3 allowed: first, again, another): no new visitor is made.
    const another = await visitor(ip);
    expect(another.welcome.type).toBe('welcome');
    const before = (await t.db.query<{ n: number }>('select count(*)::int as n from visitors')).at(0)!.n;
    const fourth = await visitor(ip);
    expect(fourth.welcome).toMatchObject({ type: 'error', code: 'rate_limited', limit: 3 });
    expect((await t.db.query<{ n: number }>('select count(*)::int as n from visitors')).at(0)!.n).toBe(before);
    for (const x of [first, again, fromElsewhere, third, another, fourth]) x.s.close();
  });

  it('counts new conversations per address; messages in an open conversation are not new ones', async () => {
    const ip = publicIp();
    const conversations = async () =>
      (await t.db.query<{ n: number }>('select count(*)::int as n from conversations')).at(0)!.n;
    const a = await visitor(ip);
    const b = await visitor(ip);
    const c = await visitor(ip);
    expect(await attempt(a.s, FRAMES.send())).toBe('passed');
    expect(await attempt(b.s, FRAMES.send())).toBe('passed');
    const before = await conversations();
    expect(await attempt(c.s, FRAMES.send())).toBe('limited');
    expect(await conversations()).toBe(before);
    // a's second message joins its open conversation: allowed.
    expect(await attempt(a.s, FRAMES.send())).toBe('passed');
    const d = await visitor(publicIp());
    expect(await attempt(d.s, FRAMES.send())).toBe('passed');
    for (const x of [a, b, c, d]) x.s.close();
  });
});
