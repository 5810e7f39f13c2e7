import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { HUB_WIDE_CHAT, type CardAnswerBody, type ContactCard, type CrmRequest } from '#protocol';
import { applyEvents } from '#entrypoints/background/apply-events';
import { conversation, REP } from '#entrypoints/background/fake-hub.testing';
import { db } from '#utils/db';
import { sendMessage } from '#utils/messaging';
import { useContactStore } from './contact';
import { freshStoresEachTest } from './fresh-stores.testing';
import { useInboxStore } from './inbox';

/**
 * The open card follows the hub (issue 20): a `contact.changed` event for the card's record, applied
 * by the background worker, makes the side panel's contact store ask again for the card and its
 * recommendations, keeping the card on screen meanwhile; an event for another record asks nothing.
 */
vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

const card = (purchases: number): CardAnswerBody => ({
  status: 'matched',
  card: {
    contact: { id: 'ct_maria', kind: 'person', name: 'Maria', email: 'maria@example.com' },
    purchases: Array.from({ length: purchases }, (_, i) => ({ id: `pu_${i}` })),
    tags: [],
    notes: [],
    tasks: [],
  } as unknown as ContactCard,
});
const changed = (id: number, contactIds: string[]) =>
  ({ id, at: '2026-12-06T10:00:00.000Z', chatId: HUB_WIDE_CHAT, kind: 'contact.changed', contactIds }) as const;

let purchases = 1;
const asked: string[] = [];
freshStoresEachTest(() => {
  send.mockReset();
  asked.length = 0;
  purchases = 1;
  send.mockImplementation(async (_name, request) => {
    const r = request as CrmRequest;
    asked.push(r.op);
    if (r.op === 'card') return { ok: true, answer: { op: 'card', result: card(purchases) } };
    if (r.op === 'recommendations')
      return { ok: true, answer: { op: 'recommendations', lastVisit: [], abandonedCart: [], recommended: [] } };
    if (r.op === 'feed') return { ok: true, answer: { op: 'feed', items: [], next: null } };
    return { ok: false, code: 'internal', message: `unexpected ${r.op}` };
  });
});

describe('the open contact card', () => {
  it('asks the hub again when its record changed, and not for another record', async () => {
    await db.conversations.put(conversation('c1', 'active', REP.id));
    const store = useContactStore();
    useInboxStore().open('c1');
    await vi.waitFor(() => expect(store.card?.purchases).toHaveLength(1));
    await vi.waitFor(() => expect(asked).toContain('feed'));
    const before = asked.length;

    await applyEvents(db, [changed(10, ['ct_jonas'])]);
    // Another record's change reaches the cache too, and asks nothing.
    await new Promise((r) => setTimeout(r, 100));
    expect(asked.length).toBe(before);

    purchases = 2;
    await applyEvents(db, [changed(11, ['ct_jonas', 'ct_maria'])]);
    await vi.waitFor(() => expect(store.card?.purchases).toHaveLength(2));
    expect(asked.slice(before)).toEqual(expect.arrayContaining(['card', 'recommendations']));
    expect(store.loading).toBe(false);
    // The mark survives the store's own save, so the same event never asks twice.
    expect((await db.cards.get('c1'))?.changedBy).toBe(11);
    const after = asked.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(asked.length).toBe(after);
  });
});
