import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '#protocol';
import { HSTS } from '#hub/transport/security-headers';
import { startTestHub } from './support';

/**
 * Transport and pages (FEATURES I4): security headers (@fastify/helmet) on every page and API answer — a
 * content security policy with frame-ancestors 'none', no referrer; HSTS only over TLS, the hub's own
 * or a trusted proxy's (X-Forwarded-Proto); the hub serving TLS itself, sockets included; demo pages
 * only in demo mode.
 */

const get = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { headers, redirect: 'manual' }).then(async (res) => (await res.body?.cancel(), res));

describe('security headers over HTTP, behind a trusted proxy, in demo mode', () => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => (t = await startTestHub('pglite', { trustedProxies: ['loopback'], demo: true })));
  afterAll(() => t.stop());

  it.each(['/demo/shop.html', '/api/health', '/widget.js', '/api/no-such-route'])(
    'sends CSP with frame-ancestors none, no referrer and nosniff on %s',
    async (path) => {
      const res = await get(t.hub.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // Shops load the widget with a plain <script>: the hub's resources may be used from other origins.
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    },
  );

  it('sends HSTS only when the request came over TLS: a trusted proxy saying so, not a plain request', async () => {
    expect((await get(`${t.hub.url}/api/health`)).headers.get('strict-transport-security')).toBeNull();
    expect(
      (await get(`${t.hub.url}/api/health`, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'),
    ).toBe(HSTS);
  });

  it('serves the demo pages, which run no inline script', async () => {
    const page = await fetch(`${t.hub.url}/demo/shop-product.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toMatch(/<script>(?!<)/);
    expect((await get(`${t.hub.url}/demo/shop-product.js`)).status).toBe(200);
  });
});

describe('a hub not in demo mode, not behind a proxy', () => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => (t = await startTestHub('pglite', { demo: false })));
  afterAll(() => t.stop());

  it('has no demo pages and no redirect to them; the API is served as ever', async () => {
    for (const path of ['/demo/shop.html', '/demo/crm.html', '/demo/shop-product.js', '/'])
      expect((await get(t.hub.url + path)).status, path).toBe(404);
    expect((await get(`${t.hub.url}/api/health`)).status).toBe(200);
  });

  it('believes no X-Forwarded-Proto from an untrusted peer', async () => {
    expect(
      (await get(`${t.hub.url}/api/health`, { 'x-forwarded-proto': 'https' })).headers.get('strict-transport-security'),
    ).toBeNull();
  });
});

describe('a hub serving TLS itself (PARLEY_TLS_CERT, PARLEY_TLS_KEY)', () => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let dir: string;
  let cert: Buffer;
  beforeAll(async () => {
    // A throwaway self-signed certificate for 127.0.0.1 (openssl comes with PostgreSQL's packages).
    dir = mkdtempSync(join(tmpdir(), 'parley-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'));
    t = await startTestHub('pglite', { tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers HTTPS with HSTS, checked against its own certificate', async () => {
    expect(t.hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) =>
      https
        .get(
          `${t.hub.url}/api/health`,
          { ca: cert },
          (r) => (
            r.resume(),
            resolve({ status: r.statusCode!, hsts: r.headers['strict-transport-security'] as string | undefined })
          ),
        )
        .on('error', reject),
    );
    expect(res).toEqual({ status: 200, hsts: HSTS });
  });

  it('speaks wss: a visitor is welcomed over TLS', async () => {
    const ws = new WebSocket(`${t.hub.url.replace(/^https/, 'wss')}/ws/visitor`, { ca: cert });
    const welcome = await new Promise<any>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' })));
      ws.on('message', (d) => resolve(JSON.parse(d.toString())));
      ws.once('error', reject);
    });
    ws.close();
    expect(welcome.type).toBe('welcome');
  });
});
