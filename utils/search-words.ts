/**
 * The words of a text as the local search index keeps them (FEATURES D6): lower case, letters and digits,
 * each once. A phrase search looks its words up in this index (a multi-entry Dexie index on
 * messages), then checks the whole phrase on the few candidates instead of scanning every message.
 */
const WORD = /[\p{L}\p{N}]+/gu;
/** Words longer than this are indexed by their start; a prefix lookup still finds them. */
export const MAX_INDEXED_WORD_CHARS = 24;

export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) words.add(word.slice(0, MAX_INDEXED_WORD_CHARS));
  return [...words];
}
