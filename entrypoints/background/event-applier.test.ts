import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RepServerFrame } from '#protocol';
import { createDb, getLastEventId, type ParleyDb } from '#utils/db';
import { applyEvents } from './apply-events';
import { createEventApplier } from './event-applier';
import { conversation, event, message } from './fake-hub.testing';

type Snapshot = Extract<RepServerFrame, { type: 'snapshot' }>;
const snapshot = (over: Partial<Snapshot>): Snapshot => ({
  type: 'snapshot',
  first: true,
  last: true,
  lastEventId: 0,
  conversations: [],
  templates: [],
  statuses: [],
  ...over,
});
const template = {
  id: 'tp1',
  chatId: 'chat-1',
  category: 'Greetings',
  language: 'en',
  title: 'Hi',
  text: 'Hello!',
  updatedAt: '2025-01-01T10:00:00.000Z',
} as const;

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`applier-${crypto.randomUUID()}`);
});

describe('a full re-sync (issue 14)', () => {
  it('replaces the inbox with the snapshot, keeps unsent replies, and resumes at its event id only once the last page is in', async () => {
    await applyEvents(db, [
      event(1, 'conversation.opened', { conversation: conversation('gone', 'active', 'rep-anna') }),
      event(2, 'message.created', { message: message('m-gone', 'gone') }),
    ]);
    await db.cards.put({
      conversationId: 'gone',
      card: {
        status: 'anonymous',
        known: { name: null, email: null, phone: null, lastPageUrl: null },
        canCreateLead: false,
      },
      savedAt: 1,
    });
    await db.outbox.add({ clientId: 'client-0001', conversationId: 'kept', text: 'typed offline', createdAt: 1 });
    const applier = createEventApplier(db, { onApplyFailed: () => {} });

    applier.snapshot(
      snapshot({
        last: false,
        lastEventId: 900,
        conversations: [conversation('kept', 'active', 'rep-anna')],
        templates: [template],
        statuses: [{ repId: 'rep-ben', status: 'away' }],
      }),
    );
    await applier.drained();
    expect((await db.conversations.toArray()).map((c) => c.id)).toEqual(['kept']);
    expect(await db.messages.count()).toBe(0);
    expect(await db.cards.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1);
    // Half-way: no resume point, so a worker stopped here asks for a full re-sync again.
    expect(await getLastEventId(db)).toBe(0);

    applier.snapshot(snapshot({ first: false, lastEventId: 900, conversations: [conversation('waiting', 'pending')] }));
    await applier.drained();
    expect((await db.conversations.toArray()).map((c) => c.id).sort()).toEqual(['kept', 'waiting']);
    expect(await db.templates.count()).toBe(1);
    expect(await db.repStatus.get('rep-ben')).toEqual({ repId: 'rep-ben', status: 'away' });
    expect(await getLastEventId(db)).toBe(900);
  });

  it('applies what was pushed before the snapshot first and what is replayed after it after, in one queue', async () => {
    const applier = createEventApplier(db, { onApplyFailed: () => {} });
    applier.push(event(5, 'conversation.opened', { conversation: conversation('old', 'pending') }));
    applier.snapshot(snapshot({ lastEventId: 10, conversations: [conversation('c1', 'pending')] }));
    applier.push(event(11, 'conversation.updated', { conversation: conversation('c1', 'active', 'rep-anna') }));
    applier.push(event(12, 'message.created', { message: message('m1', 'c1') }));
    await applier.drained();
    expect((await db.conversations.toArray()).map((c) => [c.id, c.status])).toEqual([['c1', 'active']]);
    expect((await db.messages.toArray()).map((m) => m.id)).toEqual(['m1']);
    expect(await getLastEventId(db)).toBe(12);
  });
});
