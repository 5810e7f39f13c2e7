import fc from 'fast-check';
import type { z } from 'zod';
import type { ZodMiniType } from 'zod/mini';
import { LIMITS, LoginRequest, PROTOCOL_VERSION } from '#protocol';

/**
 * Generators for malformed hub input. Valid-shaped bases are built from the schemas' own fields, so
 * a command that gains a field is still fuzzed from a valid starting point.
 */

type Obj = Record<string, unknown>;
// Classic or mini (the visitor frames are zod/mini): both have safeParse and the same `_zod.def`.
type Schema = z.ZodType | ZodMiniType;
export type WsInput = { kind: string; data: string | Uint8Array; binary?: boolean };
export type RestInput = { kind: string; method: string; path: string; headers: Record<string, string>; body?: string };

// Candidate leaf values; a field's valid sample is the first one its schema accepts.
const POOL: unknown[] = [
  PROTOCOL_VERSION,
  1,
  0,
  'fuzz-sample-0001',
  'fuzz-sample-0001-with-32-characters',
  'fuzz@example.com',
  'https://shop.example/page',
  'hello',
  true,
];

function validValue(field: Schema, where: string): unknown {
  const def = (field as any)._zod.def;
  const wrapped = ['optional', 'nullable', 'default', 'readonly', 'nonoptional'].includes(def.type);
  const found = wrapped
    ? validValue(def.innerType, where)
    : def.type === 'object'
      ? validObject(field, where)
      : def.type === 'union'
        ? validValue(def.options[0], where)
        : def.type === 'pipe'
          ? validValue(def.in, where)
          : def.type === 'array'
            ? []
            : (def.type === 'literal' ? def.values : def.type === 'enum' ? Object.values(def.entries) : POOL).find(
                (c: unknown) => field.safeParse(c).success,
              );
  if (found === undefined || !field.safeParse(found).success)
    throw new Error(`fuzz: no valid sample for ${where} (${def.type}); extend POOL in fuzz-arbitraries.ts`);
  return found;
}

function validObject(o: Schema, where = ''): Obj {
  const shape = (o as any).shape as Record<string, Schema>;
  return Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, validValue(f, `${where}${k}`)]));
}

/** One valid object per member of a discriminated union (or a single object schema), nested fields included. */
export function validBases(schema: Schema): Obj[] {
  const options: Schema[] = (schema as any)._zod.def.options ?? [schema];
  return options.map((o) => validObject(o));
}

/** What the hub will see: ws sends strings as UTF-8, so lone surrogates arrive as U+FFFD. */
export const onWire = (s: string) => Buffer.from(s).toString();

/** Is this text a frame the schema refuses (too big, not JSON, or failing validation)? */
export function refused(schema: Schema, raw: string): boolean {
  if (Buffer.byteLength(raw) > LIMITS.frameBytes) return true;
  try {
    return !schema.safeParse(JSON.parse(raw)).success;
  } catch {
    return true;
  }
}

// ---- building blocks ----

/** Text spliced verbatim into the JSON: numbers JSON.stringify can't write, deep nesting. */
class Raw {
  constructor(readonly text: string) {}
}
function serialize(o: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(o, (_k, v) => (v instanceof Raw ? `@@RAW${raws.push(v.text) - 1}@@` : v));
  return json.replace(/"@@RAW(\d+)@@"/g, (_m, i) => raws[Number(i)]);
}

const garbageChar = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e',
  '\ufeff',
  '\u200b',
  '💥',
  'e\u0301',
  '\uffff',
  '\u2028',
  '"',
  '\\',
  '<script>',
);
export const garbage = fc
  .array(fc.oneof(garbageChar, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 })
  .map((a) => a.join(''));

const nanLike = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  ' 42 ',
  '1_000',
  'undefined',
  'null',
  'true',
  '',
);
const rawNumber = fc
  .constantFrom('1e400', '-1e400', 'NaN', 'Infinity', '01', '1.', '.5', '0x10', '+1', '-', '1e', 'undefined')
  .map((t) => new Raw(t));
const weird = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 2 ** 53 + 1, 1e308, [], {}),
  nanLike,
  garbage,
  fc.double(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }),
);
// Lengths just past each limit, and well past them.
const hugeLen = fc.oneof(
  fc.constantFrom(65, 121, 241, 257, LIMITS.urlChars + 1, LIMITS.messageChars + 1),
  fc.integer({ min: LIMITS.messageChars, max: 40_000 }),
);
const huge = fc.tuple(hugeLen, fc.constantFrom('x', 'é', '💥', ' ')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const deep = fc
  .tuple(fc.integer({ min: 20, max: 12_000 }), fc.boolean())
  .map(([d, arr]) => new Raw(arr ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d)));
const protoKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
);
const pollution = fc.constantFrom<unknown>({ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'polluted', null);

type Mutation = (o: Obj) => void;
type Path = string[];
/** Every field path, nested objects included (e.g. transfer's to.kind). */
const paths = (o: Obj, at: Path = []): Path[] =>
  Object.entries(o).flatMap(([k, v]) => [
    [...at, k],
    ...(v && typeof v === 'object' && !Array.isArray(v) ? paths(v as Obj, [...at, k]) : []),
  ]);
const parentOf = (o: Obj, path: Path) =>
  path.slice(0, -1).reduce<any>((p, k) => (p && typeof p === 'object' ? p[k] : undefined), o);

function mutation(base: Obj, types: string[]): fc.Arbitrary<Mutation> {
  const key = fc.constantFrom(...paths(base));
  const set = (path: Path, v: unknown) => (o: Obj) => {
    const parent = parentOf(o, path);
    if (parent && typeof parent === 'object') parent[path[path.length - 1]] = v;
  };
  return fc.oneof(
    fc.tuple(key, weird).map(([k, v]) => set(k, v)), // wrong type
    key.map(
      (k): Mutation =>
        (o) =>
          void delete parentOf(o, k)?.[k[k.length - 1]],
    ), // missing field
    fc.tuple(key, huge).map(([k, v]) => set(k, v)), // past the limits
    fc
      .string({ maxLength: 20 })
      .filter((s) => !types.includes(s))
      .map((s) => set(['type'], s)), // unknown type
    fc.tuple(key, fc.oneof(rawNumber, deep)).map(([k, v]) => set(k, v)), // NaN-like numbers, deep nesting
    fc.tuple(key, garbage).map(([k, v]) => set(k, v)), // unicode garbage
    fc.tuple(protoKey, pollution).map(
      ([k, v]): Mutation =>
        (o) =>
          void Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true }),
    ),
    fc.tuple(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 })).map(([k, v]) => set([k], v)), // extra field
  );
}

/** Valid objects with one to three mutations applied. */
export function almostRight(bases: Obj[]): fc.Arbitrary<string> {
  const types = bases.map((b) => String(b.type));
  return fc.constantFrom(...bases).chain((base) =>
    fc.array(mutation(base, types), { minLength: 1, maxLength: 3 }).map((ms) => {
      const o = structuredClone(base);
      for (const m of ms) m(o);
      return serialize(o);
    }),
  );
}

/** Text that is not JSON: random strings, truncated frames, JavaScript-ish near misses. */
export function notJson(bases: Obj[]): fc.Arbitrary<string> {
  const truncated = fc
    .tuple(fc.constantFrom(...bases.map((b) => JSON.stringify(b))), fc.nat())
    .map(([s, n]) => s.slice(0, n % s.length));
  const nearMiss = fc.constantFrom(
    "{type:'ping',t:1}",
    '{"type":"ping","t":1,}',
    "{'a':1}",
    '[1,]',
    'undefined',
    'NaN',
    '{"a":1}{"b":2}',
    '\u0000',
    ' ',
    '',
    '{"type":"ping","t":01}',
  );
  return fc.oneof(fc.string({ unit: 'binary' }), fc.string(), truncated, nearMiss, garbage);
}

/** JSON of random shapes, and objects with a known type but random fields. */
export function randomJson(bases: Obj[]): fc.Arbitrary<string> {
  const typed = fc
    .tuple(
      fc.constantFrom(...bases.map((b) => b.type)),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    )
    .map(([type, rest]) => JSON.stringify({ ...rest, type }));
  return fc.oneof(
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    typed,
  );
}

/** Frames over LIMITS.frameBytes but under the transport's hard cap (4x), which closes the socket instead. */
export function oversized(bases: Obj[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: LIMITS.frameBytes + 1, max: LIMITS.frameBytes * 3 }), fc.constantFrom(...bases))
    .map(([n, b]) => JSON.stringify({ ...b, text: 'x'.repeat(n) }));
}

/** Every kind of malformed frame for one socket's schema, weighted towards almost-right frames. */
export function wsInputs(schema: Schema, bases: Obj[]): fc.Arbitrary<WsInput> {
  const text = (kind: string, a: fc.Arbitrary<string>) =>
    a
      .map((s) => onWire(s))
      .filter((s) => refused(schema, s))
      .map((data): WsInput => ({ kind, data }));
  return fc.oneof(
    { weight: 2, arbitrary: text('not-json', notJson(bases)) },
    { weight: 2, arbitrary: text('random-json', randomJson(bases)) },
    { weight: 6, arbitrary: text('almost-right', almostRight(bases)) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.constantFrom(...bases.map((b) => new TextEncoder().encode(JSON.stringify(b)))),
        )
        .map((data): WsInput => ({ kind: 'binary', data, binary: true })),
    },
  );
}

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
