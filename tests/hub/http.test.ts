import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, IDEMPOTENCY_HEADER, LIMITS, VISITOR_HEADER } from '#protocol';
import { loginAs, startTestHub } from './support';

/**
 * The hub's HTTP side as a client sees it (a real hub, real HTTP): 404 vs 405, each route's own body
 * limit, CORS where it belongs, and the headers every answer carries.
 */
let t: Awaited<ReturnType<typeof startTestHub>>;
let admin: string;
beforeAll(async () => {
  t = await startTestHub();
  admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
});
afterAll(() => t.stop());

const call = (method: string, path: string, init: RequestInit = {}) =>
  fetch(`${t.hub.url}${path}`, { method, redirect: 'manual', ...init });
const errorOf = async (res: Response) => ErrorBody.parse(await res.json()).error;

describe('routes', () => {
  it('answers a known path with the wrong method 405 listing the methods it has, and an unknown path 404', async () => {
    for (const [method, path, allow] of [
      ['GET', '/api/auth/login', 'POST'],
      ['DELETE', '/api/admin/chats', 'GET, POST'],
      ['PATCH', '/api/admin/templates/tp_1', 'PUT, DELETE'],
      ['POST', '/api/admin/crm/layouts/person', 'PUT'],
      ['PUT', '/api/files/f_1', 'GET'],
      ['POST', '/ws/rep', 'GET'],
    ]) {
      const res = await call(method, path, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      expect(await errorOf(res)).toMatchObject({ code: 'method_not_allowed' });
    }
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['POST', '/api/admin/chats/ch_demo/nothing'],
      ['GET', '/api/health/'],
      ['DELETE', '/nothing'],
    ]) {
      const res = await call(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('allow')).toBeNull();
      expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
    }
  });

  it('caps each route’s body at its own limit: 413 with that limit, the body not read past it', async () => {
    const big = (bytes: number) => JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(bytes) });
    const login = await call('POST', '/api/auth/login', { body: big(LIMITS.restBodyBytes) });
    expect(login.status).toBe(413);
    expect(await errorOf(login)).toEqual({
      code: 'too_large',
      message: `request body is larger than ${LIMITS.restBodyBytes} bytes`,
      limit: LIMITS.restBodyBytes,
    });
    // The bot's settings have their own, larger limit: a body past the default one is read (and judged by its schema)…
    const put = (body: string) =>
      call('PUT', '/api/admin/chats/ch_demo/bot', {
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body,
      });
    const mid = await put(JSON.stringify({ enabled: 'x'.repeat(LIMITS.restBodyBytes * 2) }));
    expect(mid.status).toBe(400);
    expect(await errorOf(mid)).toMatchObject({ code: 'bad_request' });
    // …and one past its own is refused with that limit.
    const over = await put(JSON.stringify({ enabled: 'x'.repeat(LIMITS.botConfigBytes) }));
    expect(over.status).toBe(413);
    expect(await errorOf(over)).toMatchObject({ code: 'too_large', limit: LIMITS.botConfigBytes });
  });

  it('words a body, query or path that fails its schema as bad_request with the field, never the socket’s bad_frame', async () => {
    const body = await call('PUT', '/api/admin/queues/q_demo', {
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ name: 'Q', strategy: 'sometimes' }),
    });
    expect(body.status).toBe(400);
    expect(await errorOf(body)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^strategy: /) });
    const query = await call('POST', `/api/visitor/files?name=a.pdf`, {
      headers: { [VISITOR_HEADER]: 'a-well-formed-but-unknown-visitor-credential' },
      body: 'x',
    });
    expect(query.status).toBe(400);
    expect(await errorOf(query)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^clientId: /) });
    const path = await call('PUT', `/api/admin/crm/layouts/planet`, {
      headers: { authorization: `Bearer ${admin}` },
      body: '{}',
    });
    expect(path.status).toBe(400);
    expect(await errorOf(path)).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/^entity: /) });
  });

  it('checks who calls before it reads the body: no token is 401 even for a malformed or oversized body', async () => {
    for (const body of ['not json', 'x'.repeat(LIMITS.restBodyBytes * 2)]) {
      const res = await call('PUT', '/api/admin/chats/ch_demo', { body });
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toMatchObject({ code: 'unauthorized' });
    }
  });
});

describe('headers', () => {
  it('lets any origin call /api/ (bearer tokens, the visitor header, an idempotency key), and answers its preflight', async () => {
    const preflight = await call('OPTIONS', '/api/admin/chats', {
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      `authorization, content-type, ${VISITOR_HEADER}, ${IDEMPOTENCY_HEADER}`,
    );
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS');
    for (const path of ['/api/health', '/api/nothing']) {
      expect(
        (await call('GET', path, { headers: { origin: 'https://shop.example' } })).headers.get(
          'access-control-allow-origin',
        ),
        path,
      ).toBe('*');
    }
  });

  it('keeps CORS off the demo pages and the widget loader; the widget body is public code any page imports', async () => {
    expect(
      (await call('GET', '/demo/shop.html', { headers: { origin: 'https://shop.example' } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect(
      (
        await call('OPTIONS', '/demo/shop.html', {
          headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
        })
      ).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const body = await call('GET', '/widget-body.js');
    // Built or not (hub tests do not build it), the answer says so and carries the header.
    expect(body.headers.get('access-control-allow-origin')).toBe('*');
    expect([200, 404]).toContain(body.status);
  });

  it('serves the demo shop’s pages and nothing else from its folder, revalidated each time', async () => {
    const page = await call('GET', '/demo/shop.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    for (const path of ['/demo/seed.ts', '/demo/..%2Fserver.ts', '/demo/missing.html'])
      expect((await call('GET', path)).status, path).toBe(404);
    const root = await call('GET', '/');
    expect([root.status, root.headers.get('location')]).toEqual([302, '/demo/shop.html']);
  });

  it('sends nosniff and a request id with every answer, refusals included', async () => {
    const ids = new Set<string>();
    for (const [method, path] of [
      ['GET', '/api/health'],
      ['GET', '/api/nothing'],
      ['DELETE', '/api/health'],
      ['GET', '/demo/shop.html'],
      ['POST', '/api/auth/login'],
    ]) {
      const res = await call(method, path);
      expect(res.headers.get('x-content-type-options'), `${method} ${path}`).toBe('nosniff');
      ids.add(res.headers.get('x-request-id') ?? '');
    }
    expect(ids.size).toBe(5);
    expect([...ids].every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });
});
