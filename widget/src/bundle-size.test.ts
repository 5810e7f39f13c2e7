import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain .mjs build helper without type declarations
import { bundleWidget } from '../bundle.mjs';

/**
 * Issue 7's budgets, checked on every test run so a new feature cannot quietly blow them: the loader
 * (the script tag) at most 5 KiB gzipped, loader + body at most 40 KiB. Sizes, not speed: exact.
 * The bench prints the same figures.
 */
const KIB = 1024;
const gz = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

describe('widget bundles', () => {
  it('stay within their gzipped budgets, and the body never pulls in classic zod', async () => {
    const { loader, body } = await bundleWidget({ write: false });
    expect(gz(loader.code)).toBeLessThanOrEqual(5 * KIB);
    expect(gz(loader.code) + gz(body.code)).toBeLessThanOrEqual(40 * KIB);
    // Visitor frames are zod/mini (protocol/visitor.ts); classic zod alone is ~25 KiB gzipped.
    expect(body.inputs.filter((p: string) => p.includes('zod/v4/classic'))).toEqual([]);
    expect(body.inputs.some((p: string) => p.includes('zod/v4/mini'))).toBe(true);
    // The loader stays a loader: no validator, no socket code, no dictionaries.
    // (Lucide's icon files are all read, its zodiac icons too, and all but the imported ones shaken out.)
    expect(
      loader.inputs.filter((p: string) => /node_modules\/zod\/|exponential-backoff|locales|connection/.test(p)),
    ).toEqual([]);
  });
});
