import type { Conversation } from '../protocol';
import type { CachedMessage, ParleyDb } from './db';
import { inRange, type DayRange } from './date-range';
import { matchesPhrase, phraseMatcher } from './highlight';
import { MAX_INDEXED_WORD_CHARS, wordsOf } from './search-words';

/**
 * Search across every conversation in the local cache (SPEC D6), with no round trip to the hub.
 * The phrase's words are looked up in the messages' word index: every word but the last must be a
 * whole word of the message (the phrase goes on past it), the last may be the start of one. The
 * word with the fewest index entries (counted on the index, without reading rows) narrows the
 * candidates; the whole phrase is then checked on each.
 */
export const SEARCH_LIMITS = {
  /** Results shown at most; the rest are counted, not listed. */
  results: 200,
  /** Characters of a phrase. */
  phraseChars: 200,
} as const;

export interface SearchHit {
  conversation: Conversation;
  message: CachedMessage;
}

export interface SearchResult {
  hits: SearchHit[];
  /** How many messages matched in all (may exceed hits.length). */
  total: number;
}

export async function searchCache(db: ParleyDb, phrase: string, range: DayRange | null = null): Promise<SearchResult> {
  const trimmed = phrase.trim().slice(0, SEARCH_LIMITS.phraseChars);
  const matcher = phraseMatcher(trimmed);
  const words = wordsOf(trimmed);
  if (!matcher || words.length === 0) return { hits: [], total: 0 };

  const last = words.at(-1)!;
  const lookups = [
    ...words.slice(0, -1).map((word) => () => db.messages.where('words').equals(word)),
    () => db.messages.where('words').startsWith(last.slice(0, MAX_INDEXED_WORD_CHARS)),
  ];
  const counts = await Promise.all(lookups.map((lookup) => lookup().count()));
  const candidates = lookups[counts.indexOf(Math.min(...counts))]!();
  const matched = (await candidates.distinct().toArray()).filter((m) => inRange(m.createdAt, range) && matchesPhrase(m.text, matcher));
  matched.sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const shown = matched.slice(0, SEARCH_LIMITS.results);
  const conversations = new Map<string, Conversation | undefined>();
  for (const id of new Set(shown.map((m) => m.conversationId))) conversations.set(id, undefined);
  const found = await db.conversations.bulkGet([...conversations.keys()]);
  found.forEach((c) => c && c.folder !== 'none' && conversations.set(c.id, c));
  const hits = shown.flatMap((message) => {
    const conversation = conversations.get(message.conversationId);
    return conversation ? [{ conversation, message }] : [];
  });
  return { hits, total: matched.length };
}
