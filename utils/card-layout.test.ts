import { describe, expect, it } from 'vitest';
import {
  CARD_SECTIONS,
  DEFAULT_CARD_LAYOUT,
  moveSection,
  normalizeLayout,
  toggleCollapsed,
  toggleLocked,
} from './card-layout';

describe('contact card layout (FEATURES E3)', () => {
  it('fills in missing sections and drops unknown or repeated ones', () => {
    const layout = normalizeLayout({
      order: ['feed', 'bogus' as never, 'feed', 'tags'],
      collapsed: ['notes', 'nope' as never],
    });
    expect(layout.order.slice(0, 2)).toEqual(['feed', 'tags']);
    expect([...layout.order].sort()).toEqual([...CARD_SECTIONS].sort());
    expect(layout.collapsed).toEqual(['notes']);
  });

  it('moves a section up and down, not past the ends', () => {
    const down = moveSection(DEFAULT_CARD_LAYOUT, 'details', 1);
    expect(down.order.slice(0, 2)).toEqual(['cart', 'details']);
    expect(moveSection(DEFAULT_CARD_LAYOUT, 'details', -1)).toBe(DEFAULT_CARD_LAYOUT);
    expect(moveSection(DEFAULT_CARD_LAYOUT, 'feed', 1)).toBe(DEFAULT_CARD_LAYOUT);
  });

  it('a locked section neither moves nor is displaced', () => {
    const locked = toggleLocked(DEFAULT_CARD_LAYOUT, 'cart');
    expect(moveSection(locked, 'cart', 1)).toBe(locked);
    expect(moveSection(locked, 'details', 1)).toBe(locked);
    expect(moveSection(locked, 'tags', -1)).toBe(locked);
    expect(moveSection(toggleLocked(locked, 'cart'), 'tags', -1).order[1]).toBe('tags');
  });

  it('collapse toggles', () => {
    const once = toggleCollapsed(DEFAULT_CARD_LAYOUT, 'feed');
    expect(once.collapsed).toEqual(['feed']);
    expect(toggleCollapsed(once, 'feed').collapsed).toEqual([]);
  });
});
