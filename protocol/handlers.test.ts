import { describe, expect, it } from 'vitest';
import { dispatchByType, type HandlerMap } from './handlers';
import type { VisitorServerFrame } from './visitor';

type Shape = { type: 'circle'; r: number } | { type: 'square'; side: number };

describe('handler maps over a frame union', () => {
  it('call the handler of the frame’s own type, with that frame', () => {
    const area: HandlerMap<Shape, number> = { circle: (f) => Math.PI * f.r ** 2, square: (f) => f.side ** 2 };
    expect(dispatchByType(area, { type: 'square', side: 3 })).toBe(9);
    expect(dispatchByType(area, { type: 'circle', r: 1 })).toBeCloseTo(Math.PI);
  });

  it('refuse, at type-check time, a map that misses a type or handles one that does not exist', () => {
    // @ts-expect-error — no handler for 'square'
    const missing: HandlerMap<Shape, number> = { circle: (f) => f.r };
    // @ts-expect-error — 'triangle' is not a Shape
    const extra: HandlerMap<Shape, number> = { circle: (f) => f.r, square: (f) => f.side, triangle: () => 0 };
    // @ts-expect-error — each handler gets its own frame: a circle has no side
    const wrong: HandlerMap<Shape, number> = { circle: (f) => f.side, square: (f) => f.side };
    // The visitor frames the widget handles are such a union too.
    // @ts-expect-error — no handler for the other visitor frames
    const visitor: HandlerMap<VisitorServerFrame> = { pong: () => {} };
    expect([missing, extra, wrong, visitor].every((m) => typeof m === 'object')).toBe(true);
  });
});
