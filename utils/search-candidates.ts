import type { ParleyDb } from './db';
import { MAX_INDEXED_WORD_CHARS } from './search-words';

/**
 * The messages that hold every word of a phrase (FEATURES D6), as primary keys read from the word index
 * only — keys are far cheaper to read than rows, and counting a common word's entries costs as much
 * as reading them. Every word but the last must be a whole word of the message, the last may be the
 * start of one. Each word's keys are read up to a cap: a word under it gives a complete set, and the
 * complete sets are intersected; a word past it is left to the phrase check on the rows. The caps
 * rise (a rare word is found after reading a few keys of each common one), longer words go first
 * (they tend to be rarer), and once there is a set a later word is read only up to its size: a
 * commoner word would narrow it too little to pay for its keys.
 */
export const CANDIDATE_KEYS_CAPS = [1_000, 20_000] as const;

/** The candidates' keys, or null when every word is too common to list (every message is a candidate). */
export async function candidateKeys(
  db: ParleyDb,
  words: string[],
  caps: readonly number[] = CANDIDATE_KEYS_CAPS,
): Promise<Set<string> | null> {
  const last = words.at(-1)!;
  const lookups = [
    ...words
      .slice(0, -1)
      .map((word) => ({ length: word.length, where: () => db.messages.where('words').equals(word) })),
    { length: last.length, where: () => db.messages.where('words').startsWith(last.slice(0, MAX_INDEXED_WORD_CHARS)) },
  ].sort((a, b) => b.length - a.length);
  for (const cap of caps) {
    let keys: Set<string> | null = null;
    for (const lookup of lookups) {
      if (keys?.size === 0) break;
      const limit: number = keys ? Math.min(cap, keys.size) : cap;
      const got = await lookup
        .where()
        .limit(limit + 1)
        .primaryKeys();
      if (got.length > limit) continue;
      // A prefix lookup lists a message once per matching word: the set keeps it once.
      const other = new Set<string>(got);
      keys = keys ? intersection(keys, other) : other;
    }
    if (keys) return keys;
  }
  return null;
}

function intersection(a: Set<string>, b: Set<string>): Set<string> {
  const both = new Set<string>();
  for (const key of a) if (b.has(key)) both.add(key);
  return both;
}
