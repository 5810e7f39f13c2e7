import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION } from '#protocol';
import { trustProxies } from '#hub/net/client-ip';
import { blockKey, ipBlockRefusal } from '#hub/net/addresses';
import { repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, connect, startTestHub, wsUrl } from './support';

/**
 * IP blocks (FEATURES C6, I4): a block covers the visitor's address only where that address stands for one
 * visitor — never a private, loopback or proxy address, and the rep is told why — and an address block
 * ends after LIMITS.ipBlockMaxDays even when the visitor's block is permanent. The hub runs behind a
 * "proxy" (the test's loopback, trusted) so each visitor can come from the address the test names.
 */

// Public unicast addresses: only named in a header, nothing is ever sent to them.
const PUBLIC_A = '8.8.4.4';
const PUBLIC_B = '8.8.8.8';
const DAY = 86_400_000;

describe('which addresses a block may cover', () => {
  const trust = trustProxies(['loopback']);
  it.each([
    '10.1.2.3',
    '192.168.0.9',
    '172.16.4.4',
    '127.0.0.1',
    '::1',
    '::ffff:127.0.0.1',
    '100.64.0.1',
    'fd00::5',
    'fe80::1',
    '169.254.9.9',
    '0.0.0.0',
  ])('refuses %s, saying why', (ip) => {
    expect(ipBlockRefusal(ip, trust)).toMatch(/address.*only the visitor was blocked/);
  });
  it('refuses a trusted proxy, naming PARLEY_TRUSTED_PROXIES', () => {
    expect(ipBlockRefusal(PUBLIC_B, trustProxies([PUBLIC_B]))).toMatch(/PARLEY_TRUSTED_PROXIES/);
  });
  it('allows a public address, and keys IPv6 by its /64 and IPv4-mapped addresses as IPv4', () => {
    expect(ipBlockRefusal(PUBLIC_A, trust)).toBeNull();
    expect(ipBlockRefusal('2a00:1450:4001:82a::200e', trust)).toBeNull();
    expect(blockKey('2a00:1450:4001:82a::200e')).toBe('2a00:1450:4001:82a::/64');
    expect(blockKey('2a00:1450:4001:82a:1:2:3:4')).toBe(blockKey('2a00:1450:4001:82a::200e'));
    expect(blockKey('::ffff:8.8.4.4')).toBe(PUBLIC_A);
    expect(blockKey('not an ip')).toBeNull();
  });
});

describe.each(BACKENDS)('blocks through a real hub on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  let now = Date.now();
  beforeEach(async () => {
    now = Date.now();
    t = await startTestHub(backend, { trustedProxies: ['loopback'], clock: () => now });
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterEach(async () => {
    anna.close();
    await t.stop();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  /** A visitor from this address, new or coming back with its credential: welcomed, or turned away as blocked. */
  async function newVisitorFrom(ip: string, token?: string) {
    const s = await connect(wsUrl(t.hub.url, '/ws/visitor'), from(ip));
    s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...(token ? { token } : {}) });
    const f = await s.next((x) => x.type === 'welcome' || x.type === 'ended');
    s.close();
    return f.type === 'welcome' ? 'welcome' : 'blocked';
  }
  async function blockVisitorFrom(ip: string, duration: object) {
    const v = await visitorActor(t.hub, undefined, 'demo-shop', from(ip));
    const id = await v.say('spam');
    await anna.cmd({ type: 'take', conversationId: id });
    const ack = await anna.cmd({ type: 'block', conversationId: id, duration });
    v.close();
    const [row] = await t.db.query<{ ip: string | null; ip_refused: string | null }>(
      'select ip, ip_refused from blocks where visitor_id = $1',
      [v.id],
    );
    return { token: v.token, ack, row };
  }

  it('blocks the public address a trusted proxy forwards: a new visitor id from it is turned away, other addresses are not', async () => {
    const { ack, row } = await blockVisitorFrom(PUBLIC_A, { unit: 'hours', amount: 1 });
    expect(ack).toMatchObject({ type: 'ack' });
    expect(ack).not.toHaveProperty('warning');
    expect(row).toEqual({ ip: PUBLIC_A, ip_refused: null });
    expect(await newVisitorFrom(PUBLIC_A)).toBe('blocked');
    expect(await newVisitorFrom(PUBLIC_B)).toBe('welcome');
  });

  it('refuses to block a private address with the reason in the ack, and still blocks the visitor', async () => {
    const { token, ack, row } = await blockVisitorFrom('10.1.2.3', { unit: 'permanent' });
    expect(ack.type).toBe('ack');
    expect((ack as { warning?: string }).warning).toMatch(
      /not their IP address: 10\.1\.2\.3 is a private network address/,
    );
    expect(row).toEqual({ ip: null, ip_refused: expect.stringContaining('private network address') });
    expect(await newVisitorFrom('10.1.2.3')).toBe('welcome');
    expect(await newVisitorFrom('10.1.2.3', token)).toBe('blocked');
  });

  it("never blocks the trusted proxy's own address (a visitor it did not forward for)", async () => {
    const { ack, row } = await blockVisitorFrom('127.0.0.1', { unit: 'hours', amount: 1 });
    expect((ack as { warning?: string }).warning).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(row.ip).toBeNull();
    expect(await newVisitorFrom('127.0.0.1')).toBe('welcome');
  });

  it(`ends an address block after LIMITS.ipBlockMaxDays (${LIMITS.ipBlockMaxDays}) while a permanent block of the visitor stays`, async () => {
    const { token } = await blockVisitorFrom(PUBLIC_A, { unit: 'permanent' });
    now += LIMITS.ipBlockMaxDays * DAY - 60_000;
    expect(await newVisitorFrom(PUBLIC_A)).toBe('blocked');
    now += 2 * 60_000;
    expect(await newVisitorFrom(PUBLIC_A)).toBe('welcome');
    expect(await newVisitorFrom(PUBLIC_A, token)).toBe('blocked');
  });
});
