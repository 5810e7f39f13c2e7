import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { totals } from '#hub/analytics/figures';
import { seedDemo } from '#hub/demo/seed';
import { startHub, type Hub } from '#hub/server';
import type { Db } from '#hub/storage/db';
import { migrate, MIGRATIONS_DIR, readMigrations } from '#hub/storage/migrate';
import { eventually, repActor, visitorActor } from './actors';
import { BACKENDS, openTestDb } from './support';

/**
 * What the hub records for analytics as conversations happen (FEATURES H4, C1): who joined first,
 * transfers and lapsed offers as facts, missed conversations — through a real hub whose clock the
 * test moves, on both databases.
 */
const MONDAY_11_ROME = Date.parse('2026-11-23T10:00:00Z');

describe.each(BACKENDS)('analytics recording on %s', (backend) => {
  let db: Db;
  let hub: Hub;
  let now = MONDAY_11_ROME;
  beforeEach(async () => {
    now = MONDAY_11_ROME;
    db = await openTestDb(backend);
    hub = await startHub({ db, port: 0, clock: () => now, timers: false });
    await seedDemo(db);
  });
  afterEach(async () => {
    await hub.close();
    await db.close();
  });

  const advance = async (ms: number) => {
    now += ms;
    await hub.tick();
  };
  const row = async (id: string) =>
    (
      await db.query<{
        status: string;
        first_rep_id: string | null;
        missed_reason: string | null;
        missed_at: Date | null;
      }>('select * from conversations where id = $1', [id])
    )[0];
  const facts = (id: string) =>
    db.query<Record<string, string | null>>(
      'select kind, rep_id, by_rep_id, to_rep_id, to_queue_id from conversation_facts where conversation_id = $1 order by id',
      [id],
    );
  const leftAt = async (id: string) =>
    (
      await db.query<{ left_at: Date | null }>(
        'select left_at from visitors where id = (select visitor_id from conversations where id = $1)',
        [id],
      )
    )[0].left_at;

  it('records who joined first, and a transfer as a fact; the rep it was transferred to did not join first', async () => {
    const anna = await repActor(hub, 'anna@demo.parley.test');
    await repActor(hub, 'ben@demo.parley.test');
    const id = await (await visitorActor(hub)).say('Hello');
    expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    expect((await anna.cmd({ type: 'transfer', conversationId: id, to: { kind: 'rep', repId: 'r_ben' } })).type).toBe(
      'ack',
    );
    expect((await row(id)).first_rep_id).toBe('r_anna');
    expect(await facts(id)).toEqual([
      { kind: 'transferred', rep_id: 'r_anna', by_rep_id: 'r_anna', to_rep_id: 'r_ben', to_queue_id: null },
    ]);
    const sara = await repActor(hub, 'sara@demo.parley.test');
    expect(
      (await sara.cmd({ type: 'transfer', conversationId: id, to: { kind: 'queue', queueId: 'q_demo' } })).type,
    ).toBe('ack');
    expect((await facts(id))[1]).toEqual({
      kind: 'transferred',
      rep_id: 'r_ben',
      by_rep_id: 'r_sara',
      to_rep_id: null,
      to_queue_id: 'q_demo',
    });
  });

  it('records each lapsed offer once per rep it was out to', async () => {
    await db.query(`update queues set strategy = 'ring', ring_size = 1, offer_timeout_s = 30 where id = 'q_demo'`);
    await repActor(hub, 'anna@demo.parley.test');
    await repActor(hub, 'ben@demo.parley.test');
    const id = await (await visitorActor(hub)).say('Hello');
    await advance(30_000);
    await advance(30_000);
    expect((await facts(id)).map((f) => [f.kind, f.rep_id])).toEqual([
      ['offer_lapsed', 'r_anna'],
      ['offer_lapsed', 'r_ben'],
    ]);
  });

  it('a message left while nobody was there is missed when its visitor leaves, and stays pending (not abandoned) once offered', async () => {
    const visitor = await visitorActor(hub);
    const id = await visitor.say('Call me back please');
    visitor.close();
    await eventually(async () => expect(await leftAt(id)).not.toBeNull());
    await advance(60_000);
    expect((await row(id)).missed_at).toBeNull();
    await advance(61_000);
    expect(await row(id)).toMatchObject({ status: 'pending', missed_reason: 'left', missed_at: await leftAt(id) });
    // A rep comes online: it is offered to them, and its visitor is still away.
    await repActor(hub, 'anna@demo.parley.test');
    await eventually(async () =>
      expect(
        (await db.query<{ n: number }>('select cardinality(offered_to) as n from conversations where id = $1', [id]))[0]
          .n,
      ).toBe(1),
    );
    await advance(5 * 60_000);
    expect((await row(id)).status).toBe('pending');
    // Rows are dated by the database's clock, not the hub's test clock: ask around today.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(await totals(db, { from: day(-1), to: day(1), tz: 'Europe/Rome' })).toMatchObject({
      conversations: 1,
      missed: 1,
      abandoned: 0,
    });
  });

  it('a visitor who leaves while offered abandons it: abandoned, not missed', async () => {
    await repActor(hub, 'anna@demo.parley.test');
    const visitor = await visitorActor(hub);
    const id = await visitor.say('Hello?');
    visitor.close();
    await eventually(async () => expect(await leftAt(id)).not.toBeNull());
    await advance(121_000);
    expect(await row(id)).toMatchObject({ status: 'abandoned', missed_at: null });
  });

  it('a conversation nobody joined is missed when its chat is outside its hours; one a rep joined is not', async () => {
    await db.query(`update chats set hours = $1`, [
      JSON.stringify({ timezone: 'Europe/Rome', weekly: { mon: [{ from: '09:00', to: '11:30' }] } }),
    ]);
    const anna = await repActor(hub, 'anna@demo.parley.test');
    const taken = await (await visitorActor(hub)).say('Hi');
    expect((await anna.cmd({ type: 'take', conversationId: taken })).type).toBe('ack');
    const waiting = await (await visitorActor(hub)).say('Anyone?');
    await advance(60_000);
    expect((await row(waiting)).missed_at).toBeNull();
    await advance(30 * 60_000); // 11:31 in Rome: closed
    expect(await row(waiting)).toMatchObject({ status: 'pending', missed_reason: 'closed', missed_at: new Date(now) });
    expect((await row(taken)).missed_at).toBeNull();
  });
});

describe.each(BACKENDS)('the analytics migration on %s', (backend) => {
  it('names who joined first in conversations joined before it, from the first logged snapshot with an owner', async () => {
    const db = await openTestDb(backend);
    const before = mkdtempSync(join(tmpdir(), 'parley-migrations-'));
    try {
      const files = readMigrations();
      const analytics = files.findIndex((f) => f.name === '0013-analytics.sql');
      for (const f of files.slice(0, analytics)) cpSync(join(MIGRATIONS_DIR, f.name), join(before, f.name));
      await migrate(db, before);
      // Rows as that schema had them (the demo seed writes columns of later files).
      await db.exec(`
        insert into chats (id, key, name) values ('ch_demo', 'demo', 'Demo');
        insert into reps (id, email, name, role, password_hash) values ('r_anna', 'a@test', 'Anna', 'rep', 'x'), ('r_ben', 'b@test', 'Ben', 'rep', 'x');`);
      await db.exec(`
        insert into visitors (id, chat_id) values ('v1', 'ch_demo');
        insert into conversations (id, chat_id, visitor_id, status, owner_id, first_rep_at) values
          ('c_taken', 'ch_demo', 'v1', 'active', 'r_ben', now()), ('c_waiting', 'ch_demo', 'v1', 'pending', null, null);
        insert into events (chat_id, conversation_id, kind, payload) values
          ('ch_demo', 'c_taken', 'conversation.opened', '{"conversation": {"ownerId": null}}'),
          ('ch_demo', 'c_waiting', 'conversation.updated', '{"conversation": {"ownerId": null}}'),
          ('ch_demo', 'c_taken', 'conversation.updated', '{"conversation": {"ownerId": "r_anna"}}'),
          ('ch_demo', 'c_taken', 'conversation.updated', '{"conversation": {"ownerId": "r_ben"}}');`);
      expect(await migrate(db)).toEqual(files.slice(analytics).map((f) => f.name));
      expect(await db.query('select id, first_rep_id from conversations order by id')).toEqual([
        { id: 'c_taken', first_rep_id: 'r_anna' },
        { id: 'c_waiting', first_rep_id: null },
      ]);
    } finally {
      rmSync(before, { recursive: true, force: true });
      await db.close();
    }
  });
});
