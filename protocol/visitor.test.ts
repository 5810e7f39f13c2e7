import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, ErrorFrame } from './frames';
import { LIMITS } from './limits';
import { ClientId, Id, MessageText, PageUrl } from './model';
import { VisitorClientId, VisitorErrorFrame, VisitorId, VisitorMessageText, VisitorPageUrl } from './visitor';

/**
 * visitor.ts repeats a few shapes of model.ts in zod/mini (the widget must not bundle classic zod).
 * Both versions must agree on what they accept and on what they turn it into.
 */
const samples = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,70}$/),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    '',
    ' ',
    '  hi  ',
    'a\u0000b',
    'x'.repeat(LIMITS.messageChars),
    ` ${'x'.repeat(LIMITS.messageChars)} `,
    'x'.repeat(LIMITS.messageChars + 1),
    `https://a.example/${'p'.repeat(LIMITS.urlChars)}`,
    'javascript:alert(1)',
    'mailto:a@b.c',
    'not a url',
  ),
);
const pairs = [
  ['Id', Id, VisitorId],
  ['ClientId', ClientId, VisitorClientId],
  ['MessageText', MessageText, VisitorMessageText],
  ['PageUrl', PageUrl, VisitorPageUrl],
] as const;

describe('page URLs', () => {
  it('take http and https only, in both versions', () => {
    for (const schema of [PageUrl, VisitorPageUrl]) {
      expect(schema.safeParse('https://shop.example/p?x=1').success).toBe(true);
      expect(schema.safeParse('http://127.0.0.1:8080/').success).toBe(true);
      for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@b.c', 'file:///etc/passwd'])
        expect(schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('visitor shapes (zod/mini) agree with model.ts (classic)', () => {
  for (const [name, classic, mini] of pairs) {
    it(name, () => {
      fc.assert(
        fc.property(samples, (v) => {
          const a = classic.safeParse(v);
          const b = mini.safeParse(v);
          expect(b.success).toBe(a.success);
          if (a.success && b.success) expect(b.data).toEqual(a.data);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('error frames: same codes, same shape', () => {
    expect(VisitorErrorFrame.shape.code.options).toEqual(ErrorCode.options);
    for (const code of ErrorCode.options) {
      const f = { type: 'error', code, message: 'm', reqId: 'r', limit: 3 };
      expect(VisitorErrorFrame.safeParse(f).success).toBe(ErrorFrame.safeParse(f).success);
    }
  });
});
