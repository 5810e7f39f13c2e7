import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '#protocol';
import { dayRange } from './date-range';
import { createDb, type ParleyDb } from './db';
import { searchCache } from './local-search';
import { wordsOf } from './search-words';

let db: ParleyDb;
let name: string;
beforeEach(() => {
  name = `search-${crypto.randomUUID()}`;
  db = createDb(name);
});

const conv = (id: string, folder: Conversation['folder'] = 'active') =>
  ({ id, folder, tags: [] }) as unknown as Conversation;
const msg = (id: string, conversationId: string, text: string, createdAt = '2026-03-10T12:00:00.000Z'): Message => ({
  id,
  conversationId,
  clientId: null,
  author: 'visitor',
  authorName: null,
  repId: null,
  text,
  pageUrl: null,
  createdAt,
});

describe('searchCache', () => {
  beforeEach(async () => {
    await db.conversations.bulkPut([conv('c1'), conv('c2'), conv('gone', 'none')]);
    await db.messages.bulkPut([
      msg('m1', 'c1', 'Where is my Order 42?', '2026-03-10T09:00:00.000Z'),
      msg('m2', 'c1', 'Your order ships today', '2026-03-11T09:00:00.000Z'),
      msg('m3', 'c2', 'Reorder please: order 43', '2026-03-12T09:00:00.000Z'),
      msg('m4', 'c2', 'bordering on rude', '2026-03-12T10:00:00.000Z'),
      msg('m5', 'gone', 'order 44 in a conversation I no longer see', '2026-03-12T11:00:00.000Z'),
    ]);
  });

  it('finds a phrase at word starts across conversations, newest first, case-insensitively', async () => {
    const { hits } = await searchCache(db, 'ORDER');
    expect(hits.map((h) => h.message.id)).toEqual(['m3', 'm2', 'm1']);
    expect(hits[0]!.conversation.id).toBe('c2');
  });

  it('matches several words as a phrase, the last one as a prefix', async () => {
    expect((await searchCache(db, 'order 4')).hits.map((h) => h.message.id)).toEqual(['m3', 'm1']);
    expect((await searchCache(db, 'my order  42')).hits.map((h) => h.message.id)).toEqual(['m1']);
    expect((await searchCache(db, 'order today')).hits).toEqual([]);
  });

  it('filters by a day or a range of days', async () => {
    const day = new Date('2026-03-11T09:00:00.000Z');
    const iso = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect((await searchCache(db, 'order', dayRange(iso(day), iso(day)))).hits.map((h) => h.message.id)).toEqual([
      'm2',
    ]);
    expect((await searchCache(db, 'order', dayRange(iso(day), ''))).hits.map((h) => h.message.id)).toEqual([
      'm3',
      'm2',
    ]);
  });

  it('finds nothing for an empty phrase or punctuation, and treats regex characters literally', async () => {
    expect((await searchCache(db, '  ')).hits).toEqual([]);
    expect((await searchCache(db, '?')).hits).toEqual([]);
    expect((await searchCache(db, '42?')).hits.map((h) => h.message.id)).toEqual(['m1']);
    expect((await searchCache(db, '4.')).hits).toEqual([]);
  });
});

describe('searchCache over many candidates (newest-first walk)', () => {
  // Tiny limits so a handful of messages takes the paths a cache of 100,000 takes.
  const walk = { results: 2, readAllUpTo: 1, walkPage: 2, keysCaps: [100], rowsPerRead: 1 };
  const readAll = { results: 2, readAllUpTo: 100, walkPage: 2, keysCaps: [1, 100], rowsPerRead: 1 };
  // No word is listed: every message is a candidate and only the matches read are counted.
  const unlisted = { results: 2, readAllUpTo: 100, walkPage: 2, keysCaps: [1], rowsPerRead: 1 };
  beforeEach(async () => {
    await db.conversations.bulkPut([conv('c1'), conv('c2')]);
    await db.messages.bulkPut([
      msg('a', 'c1', 'about my refund please', '2026-03-10T09:00:00.000Z'),
      msg('b', 'c2', 'about my refund again', '2026-03-11T09:00:00.000Z'),
      msg('c', 'c1', 'my refund, about it', '2026-03-11T09:00:00.000Z'),
      msg('d', 'c2', 'about my refund', '2026-03-11T09:00:00.000Z'),
      msg('e', 'c1', 'refund about my order', '2026-03-12T09:00:00.000Z'),
      msg('f', 'c2', 'my about: refund', '2026-03-09T09:00:00.000Z'),
    ]);
  });

  it('orders equal times by id, descending, on both paths', async () => {
    for (const tuning of [walk, readAll, unlisted]) {
      expect((await searchCache(db, 'refund', null, tuning)).hits.map((h) => h.message.id)).toEqual(['e', 'd']);
      expect((await searchCache(db, 'about my refund', null, tuning)).hits.map((h) => h.message.id)).toEqual([
        'd',
        'b',
      ]);
    }
  });

  it('counts a plain word exactly, and says when a phrase total is only an upper bound', async () => {
    expect(await searchCache(db, 'refund', null, walk)).toMatchObject({ total: 6, totalIs: 'exact' });
    // c, e and f hold the three words but not the phrase; the walk stopped before reading f.
    const phrase = await searchCache(db, 'about my refund', null, walk);
    expect(phrase).toMatchObject({ total: 4, totalIs: 'atMost' });
    expect(await searchCache(db, 'about my refund', null, readAll)).toMatchObject({ total: 3, totalIs: 'exact' });
    expect(await searchCache(db, 'about my refund', null, unlisted)).toMatchObject({ total: 2, totalIs: 'atLeast' });
    expect(await searchCache(db, 'please', null, unlisted)).toMatchObject({ total: 1, totalIs: 'exact' });
  });

  it('walks only the date range and counts the rest of it on the index', async () => {
    const range = { start: Date.parse('2026-03-10T00:00:00.000Z'), end: Date.parse('2026-03-11T23:00:00.000Z') };
    const found = await searchCache(db, 'refund', range, walk);
    expect(found.hits.map((h) => h.message.id)).toEqual(['d', 'c']);
    expect(found).toMatchObject({ total: 4, totalIs: 'exact' });
  });
});

describe('database upgrade to v4', () => {
  it('keeps the cached inbox and indexes the words of messages stored before the index existed', async () => {
    db.close();
    await Dexie.delete(name);
    // The v3 schema exactly as it shipped.
    const old = new Dexie(name);
    old.version(1).stores({
      conversations: 'id, status, ownerId, lastMessageAt',
      messages: 'id, conversationId, [conversationId+createdAt], clientId',
      outbox: 'clientId, createdAt, conversationId',
      meta: 'key',
      repStatus: 'repId',
    });
    old.version(2).stores({ conversations: 'id, status, folder, ownerId, lastMessageAt' });
    old.version(3).stores({ templates: 'id, chatId' });
    await old.table('conversations').put(conv('c1'));
    await old.table('messages').put(msg('m1', 'c1', 'An old message about invoices'));
    await old.table('meta').put({ key: 'lastEventId', value: 7 });
    old.close();

    db = createDb(name);
    expect((await searchCache(db, 'invoices')).hits.map((h) => h.message.id)).toEqual(['m1']);
    expect((await db.meta.get('lastEventId'))?.value).toBe(7);
    expect(await db.notes.count()).toBe(0);
  });

  it('keeps the words when a message is stored again (a history answer over an event)', async () => {
    await db.conversations.put(conv('c9'));
    await db.messages.put(msg('m9', 'c9', 'refund requested'));
    await db.messages.bulkPut([msg('m9', 'c9', 'refund requested')]);
    expect((await searchCache(db, 'refund')).hits.map((h) => h.message.id)).toEqual(['m9']);
  });
});

describe('database upgrade to v6', () => {
  it('indexes the cached messages by time, so the newest-first walk finds them without a replay', async () => {
    db.close();
    await Dexie.delete(name);
    // The v5 schema exactly as it shipped; words as its hook stored them.
    const old = new Dexie(name);
    old.version(1).stores({
      conversations: 'id, status, ownerId, lastMessageAt',
      messages: 'id, conversationId, [conversationId+createdAt], clientId',
      outbox: 'clientId, createdAt, conversationId',
      meta: 'key',
      repStatus: 'repId',
    });
    old.version(2).stores({ conversations: 'id, status, folder, ownerId, lastMessageAt' });
    old.version(3).stores({ templates: 'id, chatId' });
    old.version(4).stores({
      conversations: 'id, status, folder, ownerId, lastMessageAt, *tags',
      messages: 'id, conversationId, [conversationId+createdAt], clientId, *words',
      notes: 'id, conversationId, [conversationId+createdAt]',
    });
    old.version(5).stores({ cards: 'conversationId, savedAt', crmNotices: 'id, dismissed, createdAt' });
    await old.table('conversations').put(conv('c1'));
    const rows = ['09', '11', '10'].map((hour, i) => ({
      ...msg(`m${i}`, 'c1', `parcel ${i}`, `2026-03-10T${hour}:00:00.000Z`),
      words: wordsOf(`parcel ${i}`),
    }));
    await old.table('messages').bulkPut(rows);
    await old.table('meta').put({ key: 'lastEventId', value: 7 });
    old.close();

    db = createDb(name);
    const found = await searchCache(db, 'parcel', null, {
      results: 2,
      readAllUpTo: 0,
      walkPage: 1,
      keysCaps: [100],
      rowsPerRead: 1,
    });
    expect(found.hits.map((h) => h.message.id)).toEqual(['m1', 'm2']);
    expect(found).toMatchObject({ total: 3, totalIs: 'exact' });
    expect((await db.meta.get('lastEventId'))?.value).toBe(7);
  });
});
