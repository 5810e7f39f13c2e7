import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import type { Conversation } from '#protocol';
import { createDb, getLastEventId, type ParleyDb } from '#utils/db';
import { applyEvents } from './apply-events';
import { updateBadge } from './badge';
import { conversation, event, message } from './fake-hub.testing';

const deleted = (id: number, conversationId: string) =>
  ({ id, at: '2025-01-01T10:00:00.000Z', chatId: 'chat-1', kind: 'conversation.deleted', conversationId }) as const;

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`apply-${crypto.randomUUID()}`);
});

describe('applyEvents', () => {
  it('upserts conversations and messages and stores the last event id', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
      event(2, 'message.created', { message: message('m1', 'c1') }),
      event(3, 'conversation.updated', { conversation: conversation('c1', 'active', 'rep-anna') }),
    ]);
    expect(await db.conversations.get('c1')).toMatchObject({ status: 'active', ownerId: 'rep-anna' });
    expect(await db.messages.count()).toBe(1);
    expect(await getLastEventId(db)).toBe(3);
  });

  it("moves the conversation's preview to its newest message", async () => {
    const reply = { ...message('m2', 'c1'), text: 'Your order ships today', createdAt: '2026-11-21T10:05:00.000Z' };
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'active', 'rep-anna') }),
      event(2, 'message.created', { message: reply }),
    ]);
    expect(await db.conversations.get('c1')).toMatchObject({
      lastMessagePreview: 'Your order ships today',
      lastMessageAt: reply.createdAt,
    });
  });

  it('reports conversations that newly enter Pending: opened or moved there, not those already there or elsewhere', async () => {
    const first: Conversation[] = [];
    await applyEvents(
      db,
      [
        event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
        event(2, 'conversation.opened', { conversation: conversation('c2', 'active', 'rep-anna') }),
        event(3, 'conversation.updated', {
          conversation: conversation('c1', 'pending', null, { lastMessagePreview: 'again' }),
        }),
      ],
      first,
    );
    expect(first.map((c) => c.id)).toEqual(['c1']);
    const second: Conversation[] = [];
    await applyEvents(
      db,
      [
        // Back to pending (e.g. returned to the queue) counts; taken by someone else does not.
        event(4, 'conversation.updated', { conversation: conversation('c2', 'pending') }),
        event(5, 'conversation.updated', { conversation: conversation('c1', 'active', 'rep-bob') }),
      ],
      second,
    );
    expect(second.map((c) => c.id)).toEqual(['c2']);
  });

  it('is idempotent: a replay of the same events changes nothing and applies zero', async () => {
    const batch = [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
      event(2, 'message.created', { message: message('m1', 'c1') }),
    ];
    expect(await applyEvents(db, batch)).toBe(2);
    // Someone changed the row after the event; an old event replayed must not overwrite it.
    await db.conversations.update('c1', { lastMessagePreview: 'newer' });
    expect(await applyEvents(db, batch)).toBe(0);
    expect(await db.messages.count()).toBe(1);
    expect((await db.conversations.get('c1'))?.lastMessagePreview).toBe('newer');
    expect(await getLastEventId(db)).toBe(2);
  });

  it('applies only the events newer than the stored id when a replay overlaps', async () => {
    await applyEvents(db, [event(1, 'message.created', { message: message('m1', 'c1') })]);
    const applied = await applyEvents(db, [
      event(1, 'message.created', { message: message('m1', 'c1') }),
      event(2, 'message.created', { message: message('m2', 'c1') }),
    ]);
    expect(applied).toBe(1);
    expect((await db.messages.toArray()).map((m) => m.id).sort()).toEqual(['m1', 'm2']);
  });

  it('is atomic: a batch that fails halfway leaves neither its rows nor its event id', async () => {
    await applyEvents(db, [event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') })]);
    const broken = { ...conversation('c2', 'pending'), id: undefined as unknown as string };
    await expect(
      applyEvents(db, [
        event(2, 'message.created', { message: message('m1', 'c1') }),
        event(3, 'conversation.opened', { conversation: broken }),
      ]),
    ).rejects.toThrow();
    expect(await db.messages.count()).toBe(0);
    expect(await getLastEventId(db)).toBe(1);
  });

  it('removes the outbox entry whose reply the hub echoes back', async () => {
    await db.outbox.add({ clientId: 'client-0001', conversationId: 'c1', text: 'hi', createdAt: 1 });
    await applyEvents(db, [event(1, 'message.created', { message: message('m9', 'c1', 'client-0001') })]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('drops a deleted conversation with its messages, search words, cached card and unsent replies, and nothing else', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'closed', 'rep-anna') }),
      event(2, 'message.created', { message: message('m1', 'c1') }),
      event(3, 'conversation.opened', { conversation: conversation('c2', 'pending') }),
      event(4, 'message.created', { message: message('m2', 'c2') }),
    ]);
    await db.outbox.bulkAdd([
      { clientId: 'client-0001', conversationId: 'c1', text: 'never sent', createdAt: 1 },
      { clientId: 'client-0002', conversationId: 'c2', text: 'still going', createdAt: 2 },
    ]);
    const card = {
      status: 'anonymous',
      known: { name: 'Ana', email: 'ana@example.test', phone: null, lastPageUrl: null },
      canCreateLead: false,
    } as const;
    await db.cards.bulkPut([
      { conversationId: 'c1', card, savedAt: 1 },
      { conversationId: 'c2', card, savedAt: 1 },
    ]);
    expect((await db.messages.where('words').equals('text').toArray()).map((m) => m.id).sort()).toEqual(['m1', 'm2']);
    expect(await applyEvents(db, [deleted(5, 'c1')])).toBe(1);
    expect(await db.conversations.get('c1')).toBeUndefined();
    // Its cached contact card and its words in the search index go with it (issue 14).
    expect((await db.cards.toArray()).map((c) => c.conversationId)).toEqual(['c2']);
    expect((await db.messages.where('words').equals('text').toArray()).map((m) => m.id)).toEqual(['m2']);
    expect(await db.messages.where('conversationId').equals('c1').count()).toBe(0);
    expect((await db.outbox.toArray()).map((e) => e.clientId)).toEqual(['client-0002']);
    expect((await db.messages.toArray()).map((m) => m.id)).toEqual(['m2']);
    expect(await getLastEventId(db)).toBe(5);
  });
});

describe('badge', () => {
  it('shows the pending count and follows it down to empty', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
      event(2, 'conversation.opened', { conversation: conversation('c2', 'pending') }),
      event(3, 'conversation.opened', { conversation: conversation('c3', 'active', 'rep-anna') }),
    ]);
    await updateBadge(db);
    expect(await browser.action.getBadgeText({})).toBe('2');

    await applyEvents(db, [
      event(4, 'conversation.updated', { conversation: conversation('c1', 'active', 'rep-anna') }),
    ]);
    await updateBadge(db);
    expect(await browser.action.getBadgeText({})).toBe('1');

    await applyEvents(db, [event(5, 'conversation.updated', { conversation: conversation('c2', 'closed') })]);
    await updateBadge(db);
    expect(await browser.action.getBadgeText({})).toBe('');
  });

  it("counts the rep's Pending folder as the hub decided it, not every pending conversation", async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'pending') }),
      // Offered to someone else (ring strategy): pending, but in no folder of mine.
      event(2, 'conversation.opened', {
        conversation: conversation('c2', 'pending', null, { folder: 'none', access: 'none', offeredTo: ['rep-ben'] }),
      }),
    ]);
    expect(await updateBadge(db)).toBe('1');
  });

  it('drops everything of a deleted chat, keeping conversations already moved to another chat (FEATURES H2)', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('c1', 'closed') }),
      event(2, 'message.created', { message: message('m1', 'c1') }),
      event(3, 'conversation.opened', { conversation: conversation('c2', 'pending') }),
      {
        id: 4,
        at: '2025-01-01T10:00:00.000Z',
        chatId: 'chat-1',
        kind: 'template.saved',
        template: { id: 't1', chatId: 'chat-1', updatedAt: '2025-01-01T10:00:00.000Z' } as never,
      },
      // c2 moved to another chat before the delete, as the hub does with waiting conversations.
      event(5, 'conversation.opened', { conversation: { ...conversation('c2', 'pending'), chatId: 'chat-2' } }),
      { id: 6, at: '2025-01-01T10:00:00.000Z', chatId: 'chat-1', kind: 'chat.deleted' },
    ]);
    expect(await db.conversations.toCollection().primaryKeys()).toEqual(['c2']);
    expect(await db.messages.count()).toBe(0);
    expect(await db.templates.count()).toBe(0);
    expect(await getLastEventId(db)).toBe(6);
  });
});
