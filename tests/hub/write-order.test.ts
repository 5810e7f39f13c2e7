import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRM_LIMITS } from '#protocol';
import { builtinConnector } from '#hub/crm/builtin/index';
import { DEMO_REPS } from '#hub/demo/seed';
import { addNote, conversationNotes } from '#hub/inbox/annotations';
import { conversationHistory } from '#hub/inbox/directory';
import { postRepMessage, takeConversation } from '#hub/inbox/rep';
import { postVisitorMessage, visitorHistory } from '#hub/inbox/visitor';
import type { Db, Sql } from '#hub/storage/db';
import { BACKENDS, openDemoDb } from './support';

/**
 * Rows written in one transaction are read back in the order they were written, through the hub's
 * own write and read paths. Lists sort by `created_at`, then id; rows written together can share
 * `created_at` (PGlite's clock ticks once a millisecond, `now()` is one instant for a whole
 * transaction), and then only a time-ordered id keeps them in order. Each test pins its rows to one
 * instant so the tie is certain on both databases, whatever the machine's speed.
 */
const anna = { ...DEMO_REPS[0], mode: 'rep' as const, status: 'online' as const };
const ROWS = 50;
const VISITOR = 'visitor-write-order';
const texts = (what: string) => Array.from({ length: ROWS }, (_, i) => `${what} ${i}`);

describe.each(BACKENDS)('write order on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openDemoDb(backend, VISITOR);
  });
  afterEach(() => db.close());

  /** Runs the hub's writes — each of which would open its own transaction — inside one, then ties the rows it wrote: each [table, time column] set to the transaction's `now()`. */
  const oneTransaction = (ties: [string, string][], fn: (inner: Db) => Promise<void>) =>
    db.transaction(async (tx: Sql) => {
      await fn({ ...db, ...tx, transaction: (f) => f(tx) });
      for (const [table, column] of ties)
        await tx.query(`update ${table} set ${column} = now() where ${column} >= now()`);
    });

  const visitorSays = (inner: Db, text: string) =>
    postVisitorMessage(inner, {
      chatId: 'ch_demo',
      visitorId: VISITOR,
      clientId: `v-${text.replaceAll(' ', '-')}`,
      text,
      pageUrl: 'https://shop.example/p/1',
    });

  it('gives back 50 messages written in one transaction in write order, to the rep and to the visitor', async () => {
    const written = texts('message');
    let conversationId = '';
    await oneTransaction([['messages', 'created_at']], async (inner) => {
      conversationId = (await visitorSays(inner, written[0])).message.conversationId;
      for (const [i, text] of written.entries()) {
        if (i === 0) continue;
        if (i % 2 === 0) await visitorSays(inner, text);
        else await postRepMessage(inner, anna, { conversationId, clientId: `r-message-${i}`, text });
      }
    });
    const [{ n }] = await db.query<{ n: number }>(
      'select count(distinct created_at)::int as n from messages where conversation_id = $1',
      [conversationId],
    );
    expect(n).toBe(1);
    expect((await conversationHistory(db, anna, conversationId)).map((m) => m.text)).toEqual(written);
    expect((await visitorHistory(db, 'ch_demo', VISITOR)).messages.map((m) => m.text)).toEqual(written);
  });

  it('gives back 50 internal notes written in one transaction in write order', async () => {
    const conversationId = (await visitorSays(db, 'hello')).message.conversationId;
    await takeConversation(db, anna, conversationId, 'take-1');
    const written = texts('note');
    await oneTransaction([['notes', 'created_at']], async (inner) => {
      for (const [i, text] of written.entries())
        await addNote(inner, { rep: anna, conversationId, clientId: `note-${i}`, text });
    });
    expect((await conversationNotes(db, anna, conversationId)).map((n) => n.text)).toEqual(written);
  });

  it('gives back 50 customer-store notes and 50 tasks written in one transaction newest first, on the card and in the feed', async () => {
    const notes = texts('crm note');
    const tasks = texts('task');
    const call = { tx: db as Sql, now: Date.now(), actor: anna };
    await oneTransaction(
      [
        ['crm_notes', 'created_at'],
        ['crm_tasks', 'created_at'],
        ['crm_activity', 'at'],
      ],
      async (inner) => {
        for (const [i, text] of notes.entries()) {
          await builtinConnector.addNote({ ...call, tx: inner }, 'cu_2', { kind: 'note', text });
          await builtinConnector.addTask({ ...call, tx: inner }, 'cu_2', {
            title: tasks[i],
            assigneeId: null,
            dueDate: null,
          });
        }
      },
    );
    const newestFirst = (written: string[]) => [...written].reverse();
    const card = await builtinConnector.card(call, 'cu_2');
    expect(card.notes.map((n) => n.text)).toEqual(newestFirst(notes).slice(0, CRM_LIMITS.cardNotes));
    expect(card.tasks.map((t) => t.title)).toEqual(newestFirst(tasks).slice(0, CRM_LIMITS.cardTasks));
    expect(
      (await builtinConnector.feed(call, 'cu_2', ['note'], null, CRM_LIMITS.feedPage)).map((i) => i.title),
    ).toEqual(newestFirst(notes));
  });
});
