// Owns the malformed JSON text shared by every frame family: weird values, mutations of valid
// objects (almost right), text that is not JSON, and JSON of random shapes.
import fc from 'fast-check';
import { LIMITS } from '#protocol';
import type { Obj } from './fuzz-bases';

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
