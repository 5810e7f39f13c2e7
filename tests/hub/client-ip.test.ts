import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#hub/config';
import { visitorActor } from './actors';
import { startTestHub } from './support';

/**
 * Whose address a connection comes from (FEATURES I4): X-Forwarded-For is believed only when the direct peer
 * is one of PARLEY_TRUSTED_PROXIES, and then only past trusted hops, so a client cannot name its own.
 */

let t: Awaited<ReturnType<typeof startTestHub>>;

/** The address the hub stored for a visitor who connected with these handshake headers. */
async function storedIp(headers: Record<string, string>) {
  const v = await visitorActor(t.hub, undefined, 'demo-shop', headers);
  v.close();
  const [row] = await t.db.query<{ ip: string }>('select ip from visitors where id = $1', [v.id]);
  return row.ip.replace(/^::ffff:/, '');
}

describe('a hub with no trusted proxies', () => {
  beforeAll(async () => (t = await startTestHub()));
  afterAll(() => t.stop());
  it('ignores X-Forwarded-For', async () => {
    expect(await storedIp({ 'x-forwarded-for': '8.8.4.4' })).toBe('127.0.0.1');
  });
});

describe('a hub behind a trusted proxy', () => {
  beforeAll(async () => (t = await startTestHub('pglite', { trustedProxies: ['loopback'] })));
  afterAll(() => t.stop());
  it("takes the visitor's address from the proxy's X-Forwarded-For, the last hop it did not add itself", async () => {
    expect(await storedIp({ 'x-forwarded-for': '8.8.4.4' })).toBe('8.8.4.4');
    // The client wrote "1.1.1.1" itself; the proxy appended the address it really saw.
    expect(await storedIp({ 'x-forwarded-for': '1.1.1.1, 8.8.4.4' })).toBe('8.8.4.4');
    expect(await storedIp({})).toBe('127.0.0.1');
  });
});

describe('PARLEY_TRUSTED_PROXIES', () => {
  it('reads PARLEY_TRUSTED_PROXIES as a comma-separated list and names a bad entry', () => {
    expect(loadConfig({ PARLEY_TRUSTED_PROXIES: ' 10.0.0.0/8, loopback ,::1' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ PARLEY_TRUSTED_PROXIES: '10.0.0.0/8,proxy.example' })).toThrow(
      /PARLEY_TRUSTED_PROXIES: .*proxy\.example/,
    );
  });
});
