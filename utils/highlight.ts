import { linkParts } from './linkify';

/**
 * Phrase search (FEATURES D6): a phrase matches where it starts at a word boundary, ignoring case. The
 * hits are turned into plain text runs flagged `hit`, which the template renders as <mark> text
 * nodes — never as HTML — so a highlighted message is exactly as safe as an unhighlighted one.
 */

/** The matcher for a phrase, or null for an empty one. Whitespace in the phrase matches any run of whitespace. */
export function phraseMatcher(phrase: string): RegExp | null {
  const words = phrase.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}`, 'giu');
}

/** [start, end) of every hit, left to right, never overlapping. */
export function hitRanges(text: string, matcher: RegExp | null): [number, number][] {
  if (!matcher) return [];
  const ranges: [number, number][] = [];
  for (const match of text.matchAll(new RegExp(matcher.source, matcher.flags))) {
    if (match[0].length > 0) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}

export const matchesPhrase = (text: string, matcher: RegExp | null) =>
  !matcher || new RegExp(matcher.source, 'iu').test(text);

export interface Segment {
  text: string;
  hit: boolean;
}

/** A run of message text: a link (href set) or plain text, each split into hit and non-hit segments. */
export interface HighlightedPart {
  href: string;
  segments: Segment[];
}

/** Splits text into link parts, and each part into highlighted and plain segments. */
export function highlightParts(text: string, matcher: RegExp | null): HighlightedPart[] {
  const ranges = hitRanges(text, matcher);
  let offset = 0;
  return linkParts(text).map((part) => {
    const start = offset;
    const end = (offset += part.text.length);
    const segments: Segment[] = [];
    let at = start;
    for (const [from, to] of ranges) {
      if (to <= start || from >= end) continue;
      const a = Math.max(from, start);
      const b = Math.min(to, end);
      if (a > at) segments.push({ text: text.slice(at, a), hit: false });
      segments.push({ text: text.slice(a, b), hit: true });
      at = b;
    }
    if (at < end) segments.push({ text: text.slice(at, end), hit: false });
    return { href: part.href, segments };
  });
}
