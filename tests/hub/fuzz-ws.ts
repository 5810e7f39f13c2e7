// Owns the WebSocket frame family of the fuzz test: oversized frames and every kind of malformed
// frame (text and binary) for one socket's schema.
import fc from 'fast-check';
import { LIMITS } from '#protocol';
import { onWire, refused, type Obj, type Schema, type WsInput } from './fuzz-bases';
import { almostRight, notJson, randomJson } from './fuzz-json';

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
