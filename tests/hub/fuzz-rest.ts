// Owns the REST request family of the fuzz test: malformed login and logout requests and
// requests to routes the hub does not have.
import fc from 'fast-check';
import { LIMITS, LoginRequest } from '#protocol';
import { onWire, refused, validBases, type Obj, type RestInput } from './fuzz-bases';
import { almostRight, notJson, randomJson } from './fuzz-json';

// ---- REST ----

const headerValue = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 40,
});
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '*/*',
  'application/json; charset=latin1',
);
const anyBody = (bases: Obj[]) =>
  fc.oneof(
    notJson(bases),
    randomJson(bases),
    almostRight(bases),
    fc.integer({ min: LIMITS.restBodyBytes + 1, max: LIMITS.restBodyBytes * 4 }).map((n) => 'x'.repeat(n)),
  );

const ROUTES = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /widget.js',
  'GET /widget-body.js',
  'GET /',
]);
const isRoute = (method: string, path: string) => {
  let p: string;
  try {
    // As fetch normalises it (dot segments), then as the hub reads it ("//x/y" is host x, path /y).
    const sent = new URL(`http://127.0.0.1${path}`);
    p = new URL(sent.pathname + sent.search, 'http://hub').pathname;
  } catch {
    return false; // not even a URL (e.g. "//%5B" reads as a bad host): certainly no route
  }
  return method === 'OPTIONS' || ROUTES.has(`${method} ${p}`) || (method === 'GET' && p.startsWith('/demo/'));
};
const segment = fc.oneof(
  fc.constantFrom('api', 'auth', 'login', 'logout', 'ws', 'rep', '..', '.', '', 'health'),
  fc.string({ maxLength: 12 }),
);
const path = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 5 }), fc.option(fc.string({ maxLength: 20 })))
  .map(
    ([api, segs, q]) =>
      `${api ? '/api/' : '/'}${segs.map(encodeURIComponent).join('/')}${q === null ? '' : `?${encodeURIComponent(q)}`}`,
  );

export function restInputs(): fc.Arbitrary<RestInput> {
  const loginBases = validBases(LoginRequest);
  const login = anyBody(loginBases)
    .map(onWire)
    .filter((s) => refused(LoginRequest, s)) // a valid-shaped body would be a real (if wrong) sign-in attempt
    .chain((body) =>
      contentType.map((ct): RestInput => ({
        kind: 'login',
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': ct },
        body,
      })),
    );
  // Logout without a well-formed bearer token; a well-formed one is a legitimate (idempotent) logout.
  const auth = fc.option(
    fc.oneof(
      headerValue,
      headerValue.map((v) => `bearer ${v}`),
      fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', 'Token abc'),
    ),
    { nil: undefined },
  );
  const logout = fc
    .tuple(fc.option(anyBody(loginBases), { nil: undefined }), auth)
    .filter(([, a]) => a === undefined || !/^Bearer (.+)$/.test(a.trim()))
    .map(([body, a]): RestInput => ({
      kind: 'logout',
      method: 'POST',
      path: '/api/auth/logout',
      headers: a === undefined ? {} : { authorization: a },
      body,
    }));
  const unknown = fc
    .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), path, anyBody(loginBases))
    .filter(([m, p]) => !isRoute(m, p))
    .map(([method, p, body]): RestInput => ({
      kind: 'unknown-route',
      method,
      path: p,
      headers: {},
      body: method === 'GET' ? undefined : body,
    }));
  return fc.oneof({ weight: 5, arbitrary: login }, { weight: 2, arbitrary: logout }, { weight: 2, arbitrary: unknown });
}
