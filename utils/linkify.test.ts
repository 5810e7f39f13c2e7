import { describe, expect, it } from 'vitest';
import { linkParts } from './linkify';

describe('linkParts', () => {
  it('keeps markup as plain text parts', () => {
    const parts = linkParts('<img src=x onerror=alert(1)><b>bold</b>');
    expect(parts.every((p) => p.href === '')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe('<img src=x onerror=alert(1)><b>bold</b>');
  });

  it('finds links, adds a scheme to bare ones, and loses no text', () => {
    const text = 'see https://shop.example/cart?a=1 or www.example.com, mail sales@example.com';
    const parts = linkParts(text);
    expect(parts.filter((p) => p.href).map((p) => p.href)).toEqual([
      'https://shop.example/cart?a=1',
      'https://www.example.com',
      'mailto:sales@example.com',
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('never links a javascript: URL', () => {
    expect(linkParts('javascript:alert(1)').some((p) => p.href)).toBe(false);
  });
});
