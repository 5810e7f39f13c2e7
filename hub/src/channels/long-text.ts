import { LIMITS } from '#protocol';

/**
 * A customer's text longer than one message may be (LIMITS.messageChars; WhatsApp allows 4096) is
 * split, not cut (FEATURES G2): parts that each fit, marked `(1/3) `, `(2/3) ` … so the rep sees it
 * was one message and reads it whole. A cut falls on the last line break or space in the part's
 * final stretch when there is one, and never inside a surrogate pair.
 */

/** How far back from a part's end a cut looks for a line break or space before cutting mid-word. */
const BREAK_LOOKBACK_CHARS = 200;

const marker = (i: number, n: number) => `(${i}/${n}) `;

function cutAt(text: string, room: number): number {
  if (text.length <= room) return text.length;
  const window = text.slice(room - BREAK_LOOKBACK_CHARS, room);
  const space = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
  if (space >= 0) return room - BREAK_LOOKBACK_CHARS + space + 1;
  const code = text.charCodeAt(room - 1);
  return code >= 0xd800 && code <= 0xdbff ? room - 1 : room; // a high surrogate stays with its pair
}

/** `text` as it is when it fits, else its marked parts in order (each at most `max` characters). */
export function splitLongText(text: string, max: number = LIMITS.messageChars): string[] {
  if (text.length <= max) return [text];
  // The marker's width depends on the number of parts: grow the guess until the parts fit it.
  for (let n = 2; ; n++) {
    const room = max - marker(n, n).length;
    const parts: string[] = [];
    for (let rest = text; rest.length > 0;) {
      const cut = cutAt(rest, room);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (parts.length <= n) return parts.map((p, i) => marker(i + 1, parts.length) + p);
  }
}
