import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '#protocol';
import { dayRange, inRange, type DayRange } from './date-range';
import { createDb, type CachedMessage, type ParleyDb } from './db';
import { matchesPhrase, phraseMatcher } from './highlight';
import { searchCache, type SearchTuning } from './local-search';

/**
 * The indexed search (word-key intersection, newest-first walk) against a brute-force scan of every
 * cached message, on generated caches: same hits in the same order, and the same total whenever the
 * search says its total is exact (an upper bound otherwise). Tiny limits make every path run.
 */
const VOCAB = ['order', 'orders', 'parcel', 'my', 'about', 'refund', '42', '4242', 'ship', 'Über'];
const SEPARATORS = [' ', ' ', ' ', '  ', ', ', '? ', '-'];
const DAYS = ['2026-03-10', '2026-03-11', '2026-03-12'];
const TIMES = DAYS.flatMap((d) => [`${d}T09:00:00.000Z`, `${d}T18:00:00.000Z`]);

const conv = (id: string, folder: Conversation['folder']) => ({ id, folder, tags: [] }) as unknown as Conversation;

const textArb = fc
  .array(fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 6 })
  .map((parts) =>
    parts
      .map(([w, s]) => w + s)
      .join('')
      .trim(),
  );
const messageArb = fc.record({
  text: textArb,
  // Few distinct times, so equal createdAt (ordered by id) is common.
  createdAt: fc.constantFrom(...TIMES),
  conversationId: fc.constantFrom('c1', 'c2', 'c3', 'hidden', 'missing'),
});
/** A phrase: words from the vocabulary, or a run of words cut from a cached message (so multi-word phrases match). */
const phraseArb = fc.record({
  words: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 }),
  fromMessage: fc.option(fc.nat(), { nil: null }),
  start: fc.nat(),
  length: fc.integer({ min: 1, max: 3 }),
  cut: fc.nat({ max: 3 }),
  tail: fc.constantFrom('', '', '?', '.'),
  upper: fc.boolean(),
});
type PhraseSpec = typeof phraseArb extends fc.Arbitrary<infer T> ? T : never;

function phraseOf(spec: PhraseSpec, texts: string[]): string {
  let words = spec.words;
  if (spec.fromMessage !== null && texts.length > 0) {
    const all = texts[spec.fromMessage % texts.length]!.split(/\s+/);
    const start = spec.start % all.length;
    words = all.slice(start, start + spec.length);
  }
  const phrase = words.join(' ');
  const cut = phrase.slice(0, Math.max(1, phrase.length - spec.cut)) + spec.tail;
  return spec.upper ? cut.toUpperCase() : cut;
}
const rangeArb = fc.option(
  fc.tuple(fc.constantFrom('', ...DAYS), fc.constantFrom('', ...DAYS)).map(([a, b]) => dayRange(a, b)),
  { nil: null },
);
const tuningArb = fc.record({
  results: fc.integer({ min: 1, max: 8 }),
  readAllUpTo: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 60, max: 80 })),
  walkPage: fc.integer({ min: 1, max: 12 }),
  keysCaps: fc
    .array(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(1000)), { minLength: 1, maxLength: 3 })
    .map((caps) => caps.sort((a, b) => a - b)),
  rowsPerRead: fc.integer({ min: 1, max: 4 }),
});

/** Every message, scanned: the phrase anywhere at a word start, in the range, newest first, ties by id descending. */
async function bruteForce(db: ParleyDb, phrase: string, range: DayRange | null, results: number) {
  const matcher = phraseMatcher(phrase.trim());
  const all = (await db.messages.toArray()).filter(
    (m) => inRange(m.createdAt, range) && matchesPhrase(m.text, matcher),
  );
  all.sort((a, b) =>
    a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
  const visible = new Set(['c1', 'c2', 'c3']);
  const shown = all.slice(0, results).filter((m: CachedMessage) => visible.has(m.conversationId));
  return { ids: shown.map((m) => m.id), total: all.length };
}

let db: ParleyDb | null = null;
afterEach(async () => {
  db?.close();
  if (db) await Dexie.delete(db.name);
  db = null;
});

describe('searchCache against a brute-force scan', () => {
  it('lists the same messages in the same order, and an exact total or an upper bound that says so', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(messageArb, { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(phraseArb, rangeArb, tuningArb), { minLength: 1, maxLength: 6 }),
        async (messages, queries) => {
          db?.close();
          if (db) await Dexie.delete(db.name);
          db = createDb(`oracle-${crypto.randomUUID()}`);
          await db.conversations.bulkPut([
            conv('c1', 'active'),
            conv('c2', 'closed'),
            conv('c3', 'pending'),
            conv('hidden', 'none'),
          ]);
          await db.messages.bulkPut(
            messages.map((m, i): Message => ({
              // Ids not in time order, so the tie-break by id is really tested.
              id: `m${(i * 37) % 101}_${i}`,
              clientId: null,
              author: 'visitor',
              authorName: null,
              repId: null,
              pageUrl: null,
              ...m,
            })),
          );
          for (const [spec, range, tuning] of queries) {
            const phrase = phraseOf(
              spec,
              messages.map((m) => m.text),
            );
            const expected = await bruteForce(db, phrase, range, tuning.results);
            const got = await searchCache(db, phrase, range, tuning as SearchTuning);
            const context = JSON.stringify({ phrase, range, tuning });
            expect(
              got.hits.map((h) => h.message.id),
              context,
            ).toEqual(expected.ids);
            if (got.totalIs === 'exact') expect(got.total, context).toBe(expected.total);
            if (got.totalIs === 'atMost') expect(got.total, context).toBeGreaterThanOrEqual(expected.total);
            if (got.totalIs === 'atLeast') expect(got.total, context).toBeLessThanOrEqual(expected.total);
            // A bound only when more matched than the results limit could list.
            if (got.totalIs !== 'exact') expect(expected.total, context).toBeGreaterThanOrEqual(tuning.results);
            // One plain word the index lists is settled by it: its total is always exact.
            if (/^[\p{L}\p{N}]+$/u.test(phrase) && phrase.length <= 24 && got.totalIs !== 'atLeast')
              expect(got.totalIs, context).toBe('exact');
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
