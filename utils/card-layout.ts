import { storage } from 'wxt/utils/storage';

/** The contact card's sections (FEATURES E2), in their default order. */
export const CARD_SECTIONS = [
  'details',
  'cart',
  'tags',
  'emails',
  'notes',
  'tasks',
  'recommendations',
  'products',
  'feed',
] as const;
export type CardSection = (typeof CARD_SECTIONS)[number];

/**
 * How one rep arranged the card (FEATURES E3): order, the sections they keep open, sections locked in
 * place. Every other section is one line (its heading), so the card never pushes the conversation
 * out of a narrow side panel; a new rep starts with the contact details open.
 */
export interface CardLayout {
  order: CardSection[];
  open: CardSection[];
  locked: CardSection[];
}

export const DEFAULT_OPEN_SECTIONS: readonly CardSection[] = ['details'];
export const DEFAULT_CARD_LAYOUT: CardLayout = {
  order: [...CARD_SECTIONS],
  open: [...DEFAULT_OPEN_SECTIONS],
  locked: [],
};

/** Layouts by rep id, so two reps sharing a browser profile keep their own. */
export const cardLayoutsItem = storage.defineItem<Record<string, CardLayout>>('local:contactCardLayouts', {
  fallback: {},
});

const isSection = (s: unknown): s is CardSection => (CARD_SECTIONS as readonly unknown[]).includes(s);

/**
 * A stored layout made whole: unknown sections dropped, new sections appended, no duplicates. A
 * layout stored before sections started closed (it listed `collapsed` ones) gets the default open.
 */
export function normalizeLayout(stored: Partial<CardLayout> | undefined): CardLayout {
  const order = [...new Set((stored?.order ?? []).filter(isSection))];
  for (const s of CARD_SECTIONS) if (!order.includes(s)) order.push(s);
  const pick = (list: unknown[] | undefined) => [...new Set((list ?? []).filter(isSection))];
  return {
    order,
    open: Array.isArray(stored?.open) ? pick(stored.open) : [...DEFAULT_OPEN_SECTIONS],
    locked: pick(stored?.locked),
  };
}

/**
 * Moves a section one place up (-1) or down (1). A locked section stays where it is, and nothing
 * is moved across it: its position is fixed. Returns the same layout when the move is not allowed.
 */
export function moveSection(layout: CardLayout, section: CardSection, direction: -1 | 1): CardLayout {
  const from = layout.order.indexOf(section);
  const to = from + direction;
  if (from < 0 || to < 0 || to >= layout.order.length) return layout;
  if (layout.locked.includes(section) || layout.locked.includes(layout.order[to]!)) return layout;
  const order = [...layout.order];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return { ...layout, order };
}

export function canMove(layout: CardLayout, section: CardSection, direction: -1 | 1): boolean {
  return moveSection(layout, section, direction) !== layout;
}

const toggle = (list: CardSection[], section: CardSection) =>
  list.includes(section) ? list.filter((s) => s !== section) : [...list, section];
/** Opens a closed section or closes an open one; the rep's choice is kept like the order. */
export const toggleOpen = (layout: CardLayout, section: CardSection): CardLayout => ({
  ...layout,
  open: toggle(layout.open, section),
});
export const toggleLocked = (layout: CardLayout, section: CardSection): CardLayout => ({
  ...layout,
  locked: toggle(layout.locked, section),
});
