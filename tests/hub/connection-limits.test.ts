import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, RATE_LIMITS } from '#protocol';
import type { RateTable } from '#hub/net/hub-limits';
import { pdf } from './file-fixtures';
import { BACKENDS, connect, startTestHub, wsUrl } from './support';

/**
 * Connections and uploads per address (FEATURES I4): sockets open at once and opened per minute, refused
 * before the upgrade with 429 and Retry-After, a closed socket giving its place back; a visitor's files
 * per visitor, per website and per address. A small table keeps each count a few requests; visitors come
 * through a trusted proxy (loopback) from the public addresses the test names.
 */

const TABLE: RateTable = {
  ...RATE_LIMITS,
  openSocketsPerIp: 2,
  socketOpensPerIp: { points: 4, seconds: 60 },
  uploads: {
    visitor: { points: 2, seconds: 600 },
    chat: { points: 5, seconds: 3600 },
    ip: { points: 3, seconds: 600 },
  },
};

/** Where the upgrade ends: open, or refused with an HTTP status and its Retry-After. */
function upgrade(
  url: string,
  ip: string,
): Promise<{ ws: WebSocket } | { status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { 'x-forwarded-for': ip } });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] as string | undefined });
      res.resume();
    });
    ws.once('error', (err) => (err.message.includes('Unexpected server response') ? undefined : reject(err)));
  });
}

describe.each(BACKENDS)('connections and uploads per address on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend, { trustedProxies: ['loopback'], rateLimits: TABLE });
  });
  afterAll(() => t.stop());

  it('refuses a third open socket from one address with 429 before the upgrade, and takes one again once one closes', async () => {
    const url = wsUrl(t.hub.url, '/ws/visitor');
    const first = await upgrade(url, '81.6.0.1');
    const second = await upgrade(wsUrl(t.hub.url, '/ws/rep'), '81.6.0.1');
    expect('ws' in first && 'ws' in second).toBe(true);
    expect(await upgrade(url, '81.6.0.1')).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/) });
    expect('ws' in (await upgrade(url, '81.6.0.2'))).toBe(true);
    (first as { ws: WebSocket }).ws.close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await upgrade(url, '81.6.0.1');
    expect('ws' in again).toBe(true);
    for (const x of [second, again]) (x as { ws: WebSocket }).ws.close();
  });

  it('refuses sockets opened past RATE_LIMITS.socketOpensPerIp in a minute, even one at a time', async () => {
    const url = wsUrl(t.hub.url, '/ws/visitor');
    const outcomes: (number | 'open')[] = [];
    for (let i = 0; i < TABLE.socketOpensPerIp.points + 1; i++) {
      const r = await upgrade(url, '81.6.1.1');
      outcomes.push('ws' in r ? 'open' : r.status);
      if ('ws' in r) {
        r.ws.close();
        await new Promise((done) => r.ws.once('close', done));
      }
    }
    expect(outcomes).toEqual([...Array(TABLE.socketOpensPerIp.points).fill('open'), 429]);
  });

  it("counts a visitor's uploads per visitor, per address and per website", async () => {
    const upload = async (token: string, ip: string) => {
      const res = await fetch(
        `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name: 'quote.pdf', clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/' })}`,
        {
          method: 'POST',
          headers: { 'x-parley-visitor': token, 'x-forwarded-for': ip },
          body: new Blob([new Uint8Array(pdf(2048))]),
        },
      );
      const body = await res.json();
      return res.status === 429 ? `429 ${body.error.message.match(/from one (\w+)/)?.[1]}` : res.status;
    };
    const visitor = async (ip: string) => {
      const s = await connect(wsUrl(t.hub.url, '/ws/visitor'), { 'x-forwarded-for': ip });
      s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
      const token = (await s.next((f) => f.type === 'welcome')).token as string;
      s.close();
      return token;
    };
    const a = await visitor('81.6.2.1');
    const b = await visitor('81.6.2.1');
    // Visitor a: 2 allowed. Then b behind the same address: its first is the address's third, its second is refused.
    expect([await upload(a, '81.6.2.1'), await upload(a, '81.6.2.1'), await upload(a, '81.6.2.1')]).toEqual([
      201,
      201,
      '429 visitor',
    ]);
    expect([await upload(b, '81.6.2.1'), await upload(b, '81.6.2.1')]).toEqual([201, '429 address']);
    // The website's count: 5 allowed, 3 used; two more visitors elsewhere use the rest, then even a new one is refused.
    const c = await visitor('81.6.3.1');
    const d = await visitor('81.6.4.1');
    expect([
      await upload(c, '81.6.3.1'),
      await upload(d, '81.6.4.1'),
      await upload(await visitor('81.6.5.1'), '81.6.5.1'),
    ]).toEqual([201, 201, '429 website']);
  });
});
