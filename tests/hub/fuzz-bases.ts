// Owns the fuzz test's valid starting points: one valid object per schema member, built from the
// schemas' own fields, plus what the hub sees on the wire and whether a schema refuses a text.
import type { z } from 'zod';
import type { ZodMiniType } from 'zod/mini';
import { LIMITS, PROTOCOL_VERSION } from '#protocol';

/**
 * Generators for malformed hub input. Valid-shaped bases are built from the schemas' own fields, so
 * a command that gains a field is still fuzzed from a valid starting point.
 */

export type Obj = Record<string, unknown>;
// Classic or mini (the visitor frames are zod/mini): both have safeParse and the same `_zod.def`.
export type Schema = z.ZodType | ZodMiniType;
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
  // 64 hex digits: an HMAC-SHA256 signature (hello.identity.hash, issue 14)
  '0f'.repeat(32),
  // a language code (sendTemplate.template.language, issue 15)
  'en',
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
    throw new Error(`fuzz: no valid sample for ${where} (${def.type}); extend POOL in fuzz-bases.ts`);
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
