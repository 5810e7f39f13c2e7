import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvents } from '#entrypoints/background/apply-events';
import { applySnapshot } from '#entrypoints/background/apply-snapshot';
import { conversation, message, REP } from '#entrypoints/background/hub-data.testing';
import type { Conversation, HubEvent } from '#protocol';
import { clearAll, createDb, forgetInbox, type ParleyDb } from './db';
import { countFolders } from './folder-counts';

// FEATURES D1: the panel reads a folder's size from the counts the worker's writes keep; these must
// equal a fresh count of the rows after every kind of change the worker (or anything else) makes.

const IDS = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
const FOLDERS = ['pending', 'active', 'closed', 'archived', 'none'] as const;
type Folder = (typeof FOLDERS)[number];

/** A conversation as the hub files it for REP in `folder` ('none': someone else's). */
function conv(id: string, folder: Folder, chatId = 'chat-1'): Conversation {
  const row =
    folder === 'pending'
      ? conversation(id, 'pending')
      : folder === 'none'
        ? conversation(id, 'active', 'rep-ben')
        : conversation(id, folder, REP.id);
  return { ...row, chatId };
}

const id = fc.constantFrom(...IDS);
const folder = fc.constantFrom(...FOLDERS);
const row = fc
  .record({ id, folder, chatId: fc.constantFrom('chat-1', 'chat-2') })
  .map((r) => conv(r.id, r.folder, r.chatId));
const rows = fc.array(row, { maxLength: 8 });

/** What the hub may send; ids are given when applied, in order, so none is skipped as a replay. */
const hubEvent = fc.oneof(
  row.map((conversation) => ({ kind: 'conversation.opened' as const, conversation })),
  row.map((conversation) => ({ kind: 'conversation.updated' as const, conversation })),
  id.map((conversationId) => ({ kind: 'conversation.deleted' as const, conversationId })),
  id.map((conversationId) => ({
    kind: 'message.created' as const,
    message: message(`m-${conversationId}`, conversationId),
  })),
  fc.constantFrom('chat-1', 'chat-2').map((chatId) => ({ kind: 'chat.deleted' as const, chatId })),
  fc.subarray(IDS).map((conversationIds) => ({ kind: 'person.erased' as const, contactId: 'k1', conversationIds })),
);

/** Every kind of change: the worker's own paths (events, snapshots, sign-out, a new view) and raw Dexie writes. */
const step = fc.oneof(
  fc.record({ kind: fc.constant('events' as const), events: fc.array(hubEvent, { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('snapshot' as const), first: fc.boolean(), conversations: rows }),
  fc.record({ kind: fc.constant('put' as const), row }),
  fc.record({ kind: fc.constant('bulkPut' as const), rows }),
  fc.record({ kind: fc.constant('bulkAdd' as const), rows }),
  fc.record({ kind: fc.constant('update' as const), id, folder }),
  fc.record({ kind: fc.constant('modify' as const), from: folder, to: folder }),
  fc.record({ kind: fc.constant('delete' as const), ids: fc.subarray(IDS) }),
  fc.record({ kind: fc.constant('deleteFolder' as const), folder }),
  fc.record({ kind: fc.constant('deleteRange' as const), from: id, to: id }),
  fc.record({ kind: fc.constant('together' as const), rows }),
  fc.record({ kind: fc.constant('aborted' as const), rows }),
  fc.constantFrom({ kind: 'clear' as const }, { kind: 'forgetInbox' as const }, { kind: 'clearAll' as const }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

let eventId = 0;
const NOT_SENT = new Error('aborted on purpose');

async function apply(db: ParleyDb, s: Step): Promise<void> {
  switch (s.kind) {
    case 'events': {
      const events = s.events.map((e) => ({ ...e, id: ++eventId, at: '2025-01-01T10:00:00.000Z', chatId: 'chat-1' }));
      await applyEvents(db, events as HubEvent[]);
      return;
    }
    case 'snapshot':
      return applySnapshot(db, {
        type: 'snapshot',
        first: s.first,
        last: true,
        lastEventId: ++eventId,
        conversations: s.conversations,
        templates: [],
        statuses: [],
      });
    case 'put':
      await db.conversations.put(s.row);
      return;
    case 'bulkPut':
      await db.conversations.bulkPut(s.rows);
      return;
    case 'bulkAdd':
      // Rows already there (or twice in the batch) are refused one by one; the others go in.
      await db.conversations.bulkAdd(s.rows).catch((e: unknown) => expect(e).toBeInstanceOf(Dexie.BulkError));
      return;
    case 'update':
      await db.conversations.update(s.id, { folder: s.folder });
      return;
    case 'modify':
      await db.conversations.where('folder').equals(s.from).modify({ folder: s.to });
      return;
    case 'delete':
      await db.conversations.bulkDelete(s.ids);
      return;
    case 'deleteFolder':
      await db.conversations.where('folder').equals(s.folder).delete();
      return;
    case 'deleteRange':
      await db.conversations.where(':id').between(s.from, s.to, true, true).delete();
      return;
    case 'together':
      await db.transaction('rw', db.conversations, () => Promise.all(s.rows.map((r) => db.conversations.put(r))));
      return;
    case 'aborted':
      await db
        .transaction('rw', db.conversations, async () => {
          await db.conversations.bulkPut(s.rows);
          throw NOT_SENT;
        })
        .catch((e: unknown) => expect(e).toBe(NOT_SENT));
      return;
    case 'clear':
      await db.conversations.clear();
      return;
    case 'forgetInbox':
      return forgetInbox(db);
    case 'clearAll':
      return clearAll(db);
  }
}

async function kept(db: ParleyDb) {
  return Object.fromEntries((await db.folderCounts.toArray()).map((r) => [r.folder, r.count]));
}
async function fresh(db: ParleyDb) {
  return Object.fromEntries(countFolders(await db.conversations.toArray()));
}

describe("each folder's kept count (FEATURES D1)", () => {
  it('equals a fresh count of the rows after every change, whichever way it was made', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const db = createDb(`counts-${crypto.randomUUID()}`);
        try {
          for (const s of steps) {
            await apply(db, s);
            expect(await kept(db)).toEqual(await fresh(db));
          }
        } finally {
          db.close();
        }
      }),
      { numRuns: 80 },
    );
  });

  it('is the same as counting on the folder index, for the folders the panel shows', async () => {
    const db = createDb(`counts-${crypto.randomUUID()}`);
    await db.conversations.bulkPut([conv('c1', 'pending'), conv('c2', 'pending'), conv('c3', 'active')]);
    await db.conversations.update('c2', { folder: 'closed' });
    for (const f of FOLDERS) {
      const row = await db.folderCounts.get(f);
      expect(row?.count ?? 0).toBe(await db.conversations.where('folder').equals(f).count());
    }
    expect(await kept(db)).toEqual({ pending: 1, active: 1, closed: 1 });
  });

  it('is counted once from the rows already cached when a version-7 cache is upgraded', async () => {
    const name = `counts-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(7).stores({
      conversations: 'id, status, folder, ownerId, lastMessageAt, *tags, [folder+createdAt], [folder+lastMessageAt]',
    });
    await old.table('conversations').bulkPut([conv('c1', 'pending'), conv('c2', 'pending'), conv('c3', 'archived')]);
    old.close();

    const db = createDb(name);
    expect(await kept(db)).toEqual({ pending: 2, archived: 1 });
    await db.conversations.delete('c1');
    expect(await kept(db)).toEqual({ pending: 1, archived: 1 });
  });
});
