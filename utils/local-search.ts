import type { Conversation } from '#protocol';
import type { CachedMessage, ParleyDb } from './db';
import { inRange, type DayRange } from './date-range';
import { matchesPhrase, phraseMatcher } from './highlight';
import { CANDIDATE_KEYS_CAPS, candidateKeys } from './search-candidates';
import { MAX_INDEXED_WORD_CHARS, wordsOf } from './search-words';

/**
 * Search across every conversation in the local cache (FEATURES D6), with no round trip to the hub.
 * The phrase's words narrow the messages to candidates on the word index (keys only, see
 * search-candidates.ts); the whole phrase is then checked on the candidates' text. Few candidates
 * are all read and sorted. Many are walked newest first on the [createdAt+id] index, reading rows
 * only until the results limit is full, so a common word costs about as much as a rare one.
 */
export const SEARCH_LIMITS = {
  /** Results shown at most; the rest are counted, not listed. */
  results: 200,
  /** Characters of a phrase. */
  phraseChars: 200,
} as const;

/** How the search reads the cache; tests shrink these to run every path on a small cache. */
export interface SearchTuning {
  results: number;
  /** Up to this many candidates are all read and sorted; more are walked newest first. */
  readAllUpTo: number;
  /** Index keys read per step of the newest-first walk. */
  walkPage: number;
  /** Rising caps on the keys read per word; a word with more messages than the last is not listed (see search-candidates.ts). */
  keysCaps: readonly number[];
  /** Rows read at least per step of the walk, so a phrase that rejects many candidates is not read one row at a time. */
  rowsPerRead: number;
}

export const SEARCH_TUNING: SearchTuning = {
  results: SEARCH_LIMITS.results,
  readAllUpTo: 1000,
  walkPage: 2000,
  keysCaps: CANDIDATE_KEYS_CAPS,
  rowsPerRead: 64,
};

export interface SearchHit {
  conversation: Conversation;
  message: CachedMessage;
}

/** Whether the total is the count, or a bound when counting exactly would cost more than the search. */
export type TotalIs = 'exact' | 'atMost' | 'atLeast';

export interface SearchResult {
  hits: SearchHit[];
  /** How many messages matched in all (may exceed hits.length), or a bound on it (see totalIs). */
  total: number;
  /**
   * 'atMost': a phrase the word index cannot settle alone (several words, punctuation) had more
   * candidates than were read; the unread ones are counted as if they matched. 'atLeast': every word
   * was too common to list its messages; only the matches read are counted.
   */
  totalIs: TotalIs;
}

/** Newest first; equal times by id, descending, as the [createdAt+id] index walks them backwards. */
const newestFirst = (a: CachedMessage, b: CachedMessage) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** A phrase of one plain word matches exactly the messages the word index lists for it. */
const indexSettles = (phrase: string, words: string[]) =>
  words.length === 1 &&
  phrase.length <= MAX_INDEXED_WORD_CHARS &&
  /^[\p{L}\p{N}]+$/u.test(phrase) &&
  phrase.toLowerCase() === words[0];

interface Matched {
  messages: CachedMessage[];
  total: number;
  totalIs: TotalIs;
}

export async function searchCache(
  db: ParleyDb,
  phrase: string,
  range: DayRange | null = null,
  tuning: SearchTuning = SEARCH_TUNING,
): Promise<SearchResult> {
  const trimmed = phrase.trim().slice(0, SEARCH_LIMITS.phraseChars);
  const matcher = phraseMatcher(trimmed);
  const words = wordsOf(trimmed);
  if (!matcher || words.length === 0) return { hits: [], total: 0, totalIs: 'exact' };

  const keys = await candidateKeys(db, words, tuning.keysCaps);
  const matches = (m: CachedMessage | undefined): m is CachedMessage =>
    !!m && inRange(m.createdAt, range) && matchesPhrase(m.text, matcher);
  const found =
    keys && keys.size <= tuning.readAllUpTo
      ? await readAll(db, keys, matches)
      : await walkNewestFirst(db, keys, range, matches, indexSettles(trimmed, words), tuning);
  const shown = found.messages.slice(0, tuning.results);
  return { hits: await withConversations(db, shown), total: found.total, totalIs: found.totalIs };
}

async function readAll(
  db: ParleyDb,
  keys: Set<string>,
  matches: (m: CachedMessage | undefined) => m is CachedMessage,
): Promise<Matched> {
  const messages = (await db.messages.bulkGet([...keys])).filter(matches).sort(newestFirst);
  return { messages, total: messages.length, totalIs: 'exact' };
}

/**
 * Walks the [createdAt+id] index backwards a page of keys at a time, reading the rows of candidates
 * (every message when keys is null) only until the results limit is full; the candidates left are
 * then counted on keys alone.
 */
async function walkNewestFirst(
  db: ParleyDb,
  keys: Set<string> | null,
  range: DayRange | null,
  matches: (m: CachedMessage | undefined) => m is CachedMessage,
  settled: boolean,
  tuning: SearchTuning,
): Promise<Matched> {
  let before: [string, string] | null = null;
  /** The next page's candidates (in the date range), or null once the index is walked to its start. */
  const nextPage = async (): Promise<string[] | null> => {
    const from = before ? db.messages.where('[createdAt+id]').below(before) : db.messages.orderBy('[createdAt+id]');
    const got = (await from.reverse().limit(tuning.walkPage).keys()) as unknown as [string, string][];
    if (got.length === 0) return null;
    before = got.at(-1)!;
    return got.filter(([at, id]) => (!keys || keys.has(id)) && inRange(at, range)).map(([, id]) => id);
  };
  const messages: CachedMessage[] = [];
  let read = 0;
  let pending: string[] = [];
  while (messages.length < tuning.results) {
    if (pending.length === 0) {
      const page = await nextPage();
      if (!page) return { messages, total: messages.length, totalIs: 'exact' };
      pending = page;
      continue;
    }
    const chunk = pending.splice(0, Math.max(tuning.results - messages.length, tuning.rowsPerRead));
    read += chunk.length;
    for (const row of await db.messages.bulkGet(chunk)) if (matches(row)) messages.push(row);
  }
  if (!keys) return { messages, total: messages.length, totalIs: 'atLeast' };
  // The candidates not read: without a date range all the rest of the set, else counted on index keys.
  let unread = keys.size - read;
  if (range) {
    unread = pending.length;
    for (let ids = await nextPage(); ids; ids = await nextPage()) unread += ids.length;
  }
  return { messages, total: messages.length + unread, totalIs: settled || unread === 0 ? 'exact' : 'atMost' };
}

async function withConversations(db: ParleyDb, shown: CachedMessage[]): Promise<SearchHit[]> {
  const conversations = new Map<string, Conversation | undefined>();
  for (const id of new Set(shown.map((m) => m.conversationId))) conversations.set(id, undefined);
  const found = await db.conversations.bulkGet([...conversations.keys()]);
  found.forEach((c) => c && c.folder !== 'none' && conversations.set(c.id, c));
  return shown.flatMap((message) => {
    const conversation = conversations.get(message.conversationId);
    return conversation ? [{ conversation, message }] : [];
  });
}
