import { describe, expect, it } from 'vitest';
import {
  CARD_SECTIONS,
  DEFAULT_CARD_LAYOUT,
  moveSection,
  normalizeLayout,
  toggleLocked,
  toggleOpen,
} from './card-layout';

describe('contact card layout (FEATURES E3)', () => {
  it('fills in missing sections and drops unknown or repeated ones', () => {
    const layout = normalizeLayout({
      order: ['feed', 'bogus' as never, 'feed', 'tags'],
      open: ['notes', 'nope' as never, 'notes'],
    });
    expect(layout.order.slice(0, 2)).toEqual(['feed', 'tags']);
    expect([...layout.order].sort()).toEqual([...CARD_SECTIONS].sort());
    expect(layout.open).toEqual(['notes']);
  });

  it('starts with only the contact details open, also for a layout stored when sections started open', () => {
    expect(normalizeLayout(undefined).open).toEqual(['details']);
    expect(normalizeLayout({ order: ['tags'], collapsed: ['feed'] } as never).open).toEqual(['details']);
    expect(normalizeLayout({ open: [] }).open).toEqual([]);
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

  it('opening and closing toggles', () => {
    const once = toggleOpen(DEFAULT_CARD_LAYOUT, 'feed');
    expect(once.open).toEqual(['details', 'feed']);
    expect(toggleOpen(once, 'feed').open).toEqual(['details']);
  });
});
