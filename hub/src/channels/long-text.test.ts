import { describe, expect, it } from 'vitest';
import { LIMITS } from '#protocol';
import { splitLongText } from './long-text';

const unmarked = (parts: string[]) => parts.map((p) => p.replace(/^\(\d+\/\d+\) /, '')).join('');

describe('a long customer text', () => {
  it('stays one message when it fits', () => {
    const text = 'x'.repeat(LIMITS.messageChars);
    expect(splitLongText(text)).toEqual([text]);
  });

  it('is split into marked parts that each fit and together are the whole text', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' '); // ~17,000 characters
    const parts = splitLongText(words);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(words.length / LIMITS.messageChars));
    expect(parts.length).toBeLessThanOrEqual(Math.ceil(words.length / (LIMITS.messageChars - 300)));
    parts.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(LIMITS.messageChars);
      expect(p.startsWith(`(${i + 1}/${parts.length}) `)).toBe(true);
    });
    expect(unmarked(parts)).toBe(words);
    // Cut after a space, not inside a word.
    for (const p of parts.slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
  });

  it('cuts text without spaces at the limit and never between the halves of an emoji', () => {
    const text = 'a' + '😀'.repeat(3000); // 6001 UTF-16 units, no spaces
    const parts = splitLongText(text, 100);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p).not.toMatch(/[\ud800-\udbff]$/);
      expect(p).not.toMatch(/^\(\d+\/\d+\) [\udc00-\udfff]/);
    }
    expect(unmarked(parts)).toBe(text);
    expect(parts[0].startsWith(`(1/${parts.length}) `)).toBe(true);
  });
});
