import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '#protocol';
import type { RateTable } from '#hub/net/hub-limits';
import { BACKENDS, publicAddresses, startTestHub } from './support';

/**
 * Signing in under attack (FEATURES I4): wrong passwords lock the account (from anywhere) and the address
 * (for any account) out with 429 and Retry-After, each lockout twice the one before; while locked no
 * password is checked, not even a right one; another account's right password from the same address
 * still works; requests per address are limited before any of it (@fastify/rate-limit), and so is every
 * REST route. The hub is behind a trusted proxy (loopback) so each client has its own public address;
 * a small table keeps each count a few requests (login-flood.test.ts runs the real RATE_LIMITS).
 */

const TABLE: RateTable = {
  ...RATE_LIMITS,
  restPerIp: { points: 40, seconds: 60 },
  signIn: {
    requestsPerIp: { points: 12, seconds: 60 },
    accountFailures: { points: 2, seconds: 900 },
    ipFailures: { points: 4, seconds: 900 },
    lockoutSeconds: 1,
    lockoutMaxSeconds: 60,
    lockoutMemorySeconds: 3600,
  },
};
const ANNA = 'anna@demo.parley.test';
const BEN = 'ben@demo.parley.test';
const publicIp = publicAddresses('81.4');

describe.each(BACKENDS)('signing in under attack on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend, { trustedProxies: ['loopback'], rateLimits: TABLE });
  });
  afterAll(() => t.stop());

  async function signIn(from: string, email: string, password: string) {
    const res = await fetch(`${t.hub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });
    const body = await res.json();
    return {
      status: res.status,
      code: body.error?.code as string | undefined,
      retryAfter: res.headers.get('retry-after'),
      body,
    };
  }

  it('locks an account after its wrong passwords, checks no password while locked, and locks it longer each time', async () => {
    const a = publicIp();
    expect((await signIn(a, ANNA, 'wrong-1')).status).toBe(401);
    // The second wrong password (accountFailures = 2) is still answered: it was checked, and it locks.
    expect((await signIn(publicIp(), ANNA, 'wrong-2')).status).toBe(401);
    // Locked for the account from any address, the right password too.
    const locked = await signIn(publicIp(), ANNA, 'parley-demo');
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: '1' });
    expect(locked.body.error.message).toMatch(/sign-in attempts for this account/);
    await new Promise((r) => setTimeout(r, 1100));
    // The second lockout lasts twice as long.
    expect((await signIn(publicIp(), ANNA, 'wrong-3')).status).toBe(401);
    expect((await signIn(publicIp(), ANNA, 'wrong-4')).status).toBe(401);
    expect(await signIn(publicIp(), ANNA, 'parley-demo')).toMatchObject({ status: 429, retryAfter: '2' });
    await new Promise((r) => setTimeout(r, 2100));
    expect((await signIn(publicIp(), ANNA, 'parley-demo')).status).toBe(200);
  });

  it("leaves another account's right password from the same address working while one account is locked", async () => {
    const a = publicIp();
    for (const n of [1, 2]) expect((await signIn(a, BEN, `wrong-${n}`)).status).toBe(401);
    expect((await signIn(a, BEN, 'parley-demo')).status).toBe(429);
    expect((await signIn(a, 'sara@demo.parley.test', 'parley-demo')).status).toBe(200);
  });

  it('locks an address after its wrong passwords for any accounts; other addresses sign in', async () => {
    const a = publicIp();
    // One wrong password each for four accounts (none reaches its own limit): the address reaches ipFailures = 4.
    for (const email of ['x1@example.test', 'x2@example.test', 'x3@example.test', 'x4@example.test'])
      expect((await signIn(a, email, 'guess')).status).toBe(401);
    const locked = await signIn(a, 'alex@demo.parley.test', 'parley-demo');
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(locked.body.error.message).toMatch(/sign-in attempts for this address/);
    expect((await signIn(publicIp(), 'alex@demo.parley.test', 'parley-demo')).status).toBe(200);
  });

  it('limits sign-in requests per address before any password is checked, with Retry-After', async () => {
    const a = publicIp();
    const statuses: number[] = [];
    // Malformed bodies: refused by the schema (400), which comes after the per-address count.
    for (let i = 0; i <= TABLE.signIn.requestsPerIp.points; i++) {
      const res = await fetch(`${t.hub.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'x-forwarded-for': a },
        body: '{}',
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await res.json()).error).toMatchObject({
          code: 'rate_limited',
          limit: TABLE.signIn.requestsPerIp.points,
        });
      } else await res.body?.cancel();
    }
    expect(statuses).toEqual([...Array(TABLE.signIn.requestsPerIp.points).fill(400), 429]);
  });

  it('limits every REST request per address; a shared address (the proxy itself) is not counted', async () => {
    const a = publicIp();
    const health = (headers: Record<string, string>) =>
      fetch(`${t.hub.url}/api/health`, { headers }).then(async (r) => (await r.body?.cancel(), r.status));
    const statuses: number[] = [];
    for (let i = 0; i <= TABLE.restPerIp.points; i++) statuses.push(await health({ 'x-forwarded-for': a }));
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(await health({ 'x-forwarded-for': publicIp() })).toBe(200);
    for (let i = 0; i <= TABLE.restPerIp.points; i++) expect(await health({})).toBe(200);
  });
});
