import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HUB_WIDE_CHAT, type CardAnswerBody, type ContactCard, type CrmNotification } from '#protocol';
import { createDb, getLastEventId, type ParleyDb } from '#utils/db';
import { applyEvents } from './apply-events';
import { conversation, event, message } from './fake-hub.testing';

/**
 * An erasure (FEATURES H6) reaching a rep's worker: every row of the erased person leaves every Dexie
 * table — their conversations with messages (and the words the search index keeps on them), notes,
 * unsent replies and cached cards, cards of other conversations that show their record (or suggest
 * it), and the notifications about them — and nobody else's rows go.
 */
const MARIA = 'cu_1';
const erased = (id: number, conversationIds: string[]) =>
  ({
    id,
    at: '2026-12-06T10:00:00.000Z',
    chatId: HUB_WIDE_CHAT,
    kind: 'person.erased',
    contactId: MARIA,
    conversationIds,
  }) as const;

const matched = (contactId: string, name: string): CardAnswerBody => ({
  status: 'matched',
  card: {
    contact: {
      id: contactId,
      kind: 'person',
      name,
      email: `${name}@example.com`,
      phone: null,
      address: null,
      company: null,
      owner: null,
      fromChat: false,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    score: { value: 0, label: 'cold', reasons: [] },
    fields: [],
    company: null,
    cart: [],
    purchases: [],
    tags: [],
    emails: [],
    notes: [],
    tasks: [],
    canEdit: true,
  } as unknown as ContactCard,
});
const suggesting = (contactId: string): CardAnswerBody => ({
  status: 'anonymous',
  known: { name: 'Maria', email: 'maria@example.com', phone: null, lastPageUrl: null },
  canCreateLead: false,
  suggestion: { contactId, name: 'Maria Bianchi' },
});
const notice = (id: string, contactId: string): CrmNotification => ({
  id,
  reason: 'sales',
  contact: { id: contactId, name: contactId === MARIA ? 'Maria Bianchi' : 'Jonas Keller' },
  from: { id: 'rep-ben', name: 'Ben' },
  text: 'Call back',
  conversationId: null,
  createdAt: '2026-11-21T10:00:00.000Z',
});

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`erasure-${crypto.randomUUID()}`);
});

describe('an erasure event', () => {
  it('removes the person’s rows from every table and leaves everyone else’s', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c-maria', 'closed', 'rep-anna') }),
      event(2, 'message.created', { message: { ...message('m-maria', 'c-maria'), text: 'my secret words' } }),
      event(3, 'conversation.opened', { conversation: conversation('c-other', 'active', 'rep-anna') }),
      event(4, 'message.created', { message: message('m-other', 'c-other') }),
      {
        id: 5,
        at: '2026-11-21T10:00:00.000Z',
        chatId: 'chat-1',
        kind: 'crm.notification',
        notification: notice('n-maria', MARIA),
      },
      {
        id: 6,
        at: '2026-11-21T10:00:00.000Z',
        chatId: 'chat-1',
        kind: 'crm.notification',
        notification: notice('n-jonas', 'cu_2'),
      },
    ]);
    await db.notes.put({
      id: 'note-1',
      conversationId: 'c-maria',
      repId: 'rep-anna',
      authorName: 'Anna',
      text: 'internal',
      createdAt: '2026-11-21T10:00:00.000Z',
    } as never);
    await db.outbox.add({ clientId: 'client-maria', conversationId: 'c-maria', text: 'unsent', createdAt: 1 });
    await db.cards.bulkPut([
      { conversationId: 'c-maria', card: matched(MARIA, 'maria'), savedAt: 1 },
      // Another conversation whose card shows her record, and one that only suggests it.
      { conversationId: 'c-lookalike', card: matched(MARIA, 'maria'), savedAt: 1 },
      { conversationId: 'c-typed', card: suggesting(MARIA), savedAt: 1 },
      { conversationId: 'c-other', card: matched('cu_2', 'jonas'), savedAt: 1 },
    ]);
    expect(await db.messages.where('words').equals('secret').count()).toBe(1);

    expect(await applyEvents(db, [erased(7, ['c-maria'])])).toBe(1);

    expect((await db.conversations.toArray()).map((c) => c.id)).toEqual(['c-other']);
    expect((await db.messages.toArray()).map((m) => m.id)).toEqual(['m-other']);
    expect(await db.messages.where('words').equals('secret').count()).toBe(0);
    expect(await db.notes.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.cards.toArray()).map((c) => c.conversationId)).toEqual(['c-other']);
    expect((await db.crmNotices.toArray()).map((n) => n.id)).toEqual(['n-jonas']);
    expect(await getLastEventId(db)).toBe(7);
    // Nothing in any table still names her.
    for (const table of db.tables) expect(JSON.stringify(await table.toArray())).not.toMatch(/maria|secret words/i);
  });
});
