import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChat, createQueue, deleteChat, deleteQueue } from '#hub/admin/websites';
import { postVisitorMessage, touchVisitor } from '#hub/inbox/visitor';
import { saveRepDefaults, loadRepDefaults } from '#hub/people/defaults';
import type { Db, Sql } from '#hub/storage/db';
import { BACKENDS, openDemoDb } from './support';

/**
 * Websites and queues (FEATURES H2) on both databases, below HTTP: made with a widget key, deleted
 * with their waiting conversations moved in the same transaction — never orphaned, even when the
 * delete fails halfway.
 */

/** Pending conversations whose queue is gone or belongs to another chat, and conversations or visitors of no chat. */
async function orphans(db: Sql) {
  return db.query(`
    select c.id from conversations c left join queues q on q.id = c.queue_id
     where c.status = 'pending' and (q.id is null or q.chat_id <> c.chat_id)
    union all select c.id from conversations c join visitors v on v.id = c.visitor_id where v.chat_id <> c.chat_id`);
}

const state = (db: Sql) =>
  Promise.all([
    db.query('select id, key, name from chats order by id'),
    db.query('select id, chat_id from queues order by id'),
    db.query('select id, chat_id, queue_id, status from conversations order by id'),
    db.query('select id, chat_id from visitors order by id'),
  ]);

/** A database whose statement starting with `failAt` fails, as a full disk or a lost connection would. */
const failingAt = (db: Db, failAt: string): Db => ({
  ...db,
  transaction: (fn) =>
    db.transaction((tx) =>
      fn({
        ...tx,
        query: (text, params) =>
          text.trim().startsWith(failAt) ? Promise.reject(new Error('disk full')) : tx.query(text, params),
      }),
    ),
});

describe.each(BACKENDS)('websites and queues on %s', (backend) => {
  let db: Db;
  let n = 0;
  beforeEach(async () => {
    db = await openDemoDb(backend, 'visitor-websites');
  });
  afterEach(() => db.close());

  async function waitingIn(chatId: string, chatKeyVisitor = `visitor-${++n}`) {
    await touchVisitor(db, chatId, chatKeyVisitor);
    const { message } = await postVisitorMessage(db, {
      chatId,
      visitorId: chatKeyVisitor,
      clientId: randomUUID(),
      text: 'anyone there?',
      pageUrl: 'https://shop.example/',
    });
    return message.conversationId;
  }

  it('a new website gets a random widget key of its own', async () => {
    const a = await createChat(db, 'Help desk');
    const b = await createChat(db, 'Help desk');
    expect(a.key).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(a.key).not.toBe(b.key);
    expect(await db.query('select name from chats where id = $1', [a.id])).toEqual([{ name: 'Help desk' }]);
  });

  it('a queue is made in an existing chat only', async () => {
    const { id } = await createQueue(db, 'ch_demo', 'Returns');
    expect(await db.query('select chat_id, name from queues where id = $1', [id])).toEqual([
      { chat_id: 'ch_demo', name: 'Returns' },
    ]);
    await expect(createQueue(db, 'ch_nowhere', 'Returns')).rejects.toThrow(/no such chat/);
  });

  describe('deleting a queue', () => {
    it('with conversations waiting asks where they go, and changes nothing until told', async () => {
      await waitingIn('ch_demo');
      const before = await state(db);
      await expect(deleteQueue(db, 'q_demo', null, Date.now())).rejects.toThrow(
        /1 conversation\(s\) wait in this queue/,
      );
      expect(await state(db)).toEqual(before);
    });

    it('moves its waiting conversations to the queue named, of the same chat only', async () => {
      const waiting = await waitingIn('ch_demo');
      const { id: returns } = await createQueue(db, 'ch_demo', 'Returns');
      const other = await createChat(db, 'Help desk');
      const { id: elsewhere } = await createQueue(db, other.id, 'Help');
      await expect(deleteQueue(db, 'q_demo', elsewhere, Date.now())).rejects.toThrow(/not another queue of this chat/);

      await deleteQueue(db, 'q_demo', returns, Date.now());
      expect(await db.query('select queue_id, status from conversations where id = $1', [waiting])).toEqual([
        { queue_id: returns, status: 'pending' },
      ]);
      expect(await db.query(`select id from queues where id = 'q_demo'`)).toEqual([]);
      expect(await orphans(db)).toEqual([]);
    });

    it('is refused while the routing bot hands chats to it', async () => {
      await db.query(`insert into bot_configs (chat_id, config) values ('ch_demo', $1)`, [
        JSON.stringify({ customerRoute: { kind: 'queue', queueId: 'q_demo' }, followUp: { salesQueueId: null } }),
      ]);
      await expect(deleteQueue(db, 'q_demo', null, Date.now())).rejects.toThrow(/routing bot of Demo shop/);
    });

    it('takes it out of the queues new reps start in', async () => {
      const { id } = await createQueue(db, 'ch_demo', 'Returns');
      await saveRepDefaults(
        db,
        { availability: 'online', sounds: true, notifications: true, queueIds: ['q_demo', id] },
        'r_alex',
      );
      await deleteQueue(db, id, null, Date.now());
      expect((await loadRepDefaults(db)).queueIds).toEqual(['q_demo']);
    });
  });

  describe('deleting a website', () => {
    it('moves its waiting conversations, with their visitors and their past, to another chat’s queue; the rest goes', async () => {
      const waiting = await waitingIn('ch_demo', 'visitor-waiting');
      const done = await waitingIn('ch_demo', 'visitor-done');
      await db.query(`update conversations set status = 'closed', closed_reason = 'handled' where id = $1`, [done]);
      const other = await createChat(db, 'Help desk');
      const { id: help } = await createQueue(db, other.id, 'Help');

      await deleteChat(db, 'ch_demo', help, Date.now());
      expect(await db.query('select chat_id, queue_id, status from conversations where id = $1', [waiting])).toEqual([
        { chat_id: other.id, queue_id: help, status: 'pending' },
      ]);
      expect(await db.query(`select chat_id from visitors where id = 'visitor-waiting'`)).toEqual([
        { chat_id: other.id },
      ]);
      expect(await db.query('select id from conversations where id = $1', [done])).toEqual([]);
      expect(await db.query(`select id from chats where id = 'ch_demo'`)).toEqual([]);
      expect(await db.query(`select kind from events where chat_id = 'ch_demo' order by id desc limit 1`)).toEqual([
        { kind: 'chat.deleted' },
      ]);
      expect(await orphans(db)).toEqual([]);
    });

    it('with conversations waiting asks where they go; into its own queue is refused; nothing changes', async () => {
      await waitingIn('ch_demo');
      const before = await state(db);
      await expect(deleteChat(db, 'ch_demo', null, Date.now())).rejects.toThrow(/wait in this chat/);
      await expect(deleteChat(db, 'ch_demo', 'q_demo', Date.now())).rejects.toThrow(/not a queue of another chat/);
      expect(await state(db)).toEqual(before);
    });

    it('is refused while a rep is answering one of its conversations', async () => {
      const id = await waitingIn('ch_demo');
      await db.query(`update conversations set status = 'active', owner_id = 'r_anna' where id = $1`, [id]);
      await expect(deleteChat(db, 'ch_demo', null, Date.now())).rejects.toThrow(
        /1 conversation\(s\) of this chat are being answered/,
      );
    });

    it('failing halfway leaves every conversation where it was: the moves and the delete are one transaction', async () => {
      const waiting = await waitingIn('ch_demo');
      const other = await createChat(db, 'Help desk');
      const { id: help } = await createQueue(db, other.id, 'Help');
      const before = await state(db);
      await expect(deleteChat(failingAt(db, 'delete from chats'), 'ch_demo', help, Date.now())).rejects.toThrow(
        'disk full',
      );
      expect(await state(db)).toEqual(before);
      expect(await db.query('select chat_id, queue_id from conversations where id = $1', [waiting])).toEqual([
        { chat_id: 'ch_demo', queue_id: 'q_demo' },
      ]);
      expect(await orphans(db)).toEqual([]);
    });
  });
});
