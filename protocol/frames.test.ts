import { describe, expect, it } from 'vitest';
import { LIMITS, parseFrame, PROTOCOL_VERSION, RepClientFrame, VisitorClientFrame } from './index';

describe('parseFrame', () => {
  it('accepts a valid hello', () => {
    const r = parseFrame(
      RepClientFrame,
      JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token: 't', lastEventId: 3 }),
    );
    expect(r).toEqual({ ok: true, frame: { type: 'hello', v: PROTOCOL_VERSION, token: 't', lastEventId: 3 } });
  });

  it('refuses text that is not JSON as bad_frame', () => {
    const r = parseFrame(RepClientFrame, '{nope');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad_frame');
  });

  it('refuses an unknown frame type and names the field', () => {
    const r = parseFrame(RepClientFrame, JSON.stringify({ type: 'explode', reqId: 'r1' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_frame', reqId: 'r1' } });
    if (!r.ok) expect(r.error.message).toMatch(/type/);
  });

  it('refuses an oversized message with the limit in the error', () => {
    const text = 'x'.repeat(LIMITS.messageChars + 1);
    const r = parseFrame(
      VisitorClientFrame,
      JSON.stringify({ type: 'send', clientId: 'abcdefgh12', text, pageUrl: 'https://shop.example/' }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', limit: LIMITS.messageChars } });
  });

  it('refuses a frame over the byte limit before parsing it', () => {
    const r = parseFrame(RepClientFrame, `"${'y'.repeat(LIMITS.frameBytes)}"`);
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', limit: LIMITS.frameBytes } });
  });

  it('refuses an empty message and a page URL that is not a URL', () => {
    expect(
      parseFrame(
        VisitorClientFrame,
        JSON.stringify({ type: 'send', clientId: 'abcdefgh12', text: '   ', pageUrl: 'https://a.example/' }),
      ).ok,
    ).toBe(false);
    expect(
      parseFrame(
        VisitorClientFrame,
        JSON.stringify({ type: 'send', clientId: 'abcdefgh12', text: 'hi', pageUrl: 'not a url' }),
      ).ok,
    ).toBe(false);
  });
});

describe('edge inputs found by fuzzing', () => {
  it('refuses a NUL character in a message, which the database could not store', () => {
    const r = parseFrame(
      VisitorClientFrame,
      JSON.stringify({ type: 'send', clientId: 'abcdefgh12', text: 'a\u0000b', pageUrl: 'https://a.example/' }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_frame' } });
  });

  it('does not echo an empty reqId', () => {
    const r = parseFrame(RepClientFrame, JSON.stringify({ type: 'take', reqId: '' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reqId).toBeUndefined();
  });
});
