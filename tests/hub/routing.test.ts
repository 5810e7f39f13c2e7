import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '#hub/demo/seed';
import { startHub, type Hub } from '#hub/server';
import { openDb, type Db } from '#hub/storage/db';
import { eventually, repActor, visitorActor, type RepActor } from './actors';

/** Routing through a real hub whose clock the test moves: offers, lapses, away after missed offers, full queues. */
let db: Db;
let hub: Hub;
const MONDAY_11_ROME = Date.parse('2026-11-23T10:00:00Z');
let now = MONDAY_11_ROME;
beforeEach(async () => {
  now = MONDAY_11_ROME;
  db = await openDb({});
  hub = await startHub({ db, port: 0, clock: () => now, timers: false });
  await seedDemo(db);
  await db.query(
    `insert into reps (id, email, name, role, extension, password_hash) select 'r_cleo', 'cleo@demo.parley.test', 'Cleo Marino', 'rep', '103', password_hash from reps where id = 'r_anna'`,
  );
  await db.query(`insert into queue_members (queue_id, rep_id, position) values ('q_demo', 'r_cleo', 2)`);
});
afterEach(async () => {
  await hub.close();
  await db.close();
});

const setQueue = (sql: string) => db.query(`update queues set ${sql} where id = 'q_demo'`);
const offeredTo = async (id: string) =>
  (await db.query<{ offered_to: string[] }>('select offered_to from conversations where id = $1', [id]))[0].offered_to;
const advance = async (ms: number) => {
  now += ms;
  await hub.tick();
};
async function team(): Promise<Record<'anna' | 'ben' | 'cleo', RepActor>> {
  return {
    anna: await repActor(hub, 'anna@demo.parley.test'),
    ben: await repActor(hub, 'ben@demo.parley.test'),
    cleo: await repActor(hub, 'cleo@demo.parley.test'),
  };
}

describe('strategies with a controlled clock', () => {
  it('broadcast offers to every online rep with room, and the offer never lapses', async () => {
    await team();
    const id = await (await visitorActor(hub)).say('Hello');
    expect((await offeredTo(id)).sort()).toEqual(['r_anna', 'r_ben', 'r_cleo']);
    await advance(10 * 60_000);
    expect((await offeredTo(id)).sort()).toEqual(['r_anna', 'r_ben', 'r_cleo']);
  });

  it('ring first N: the first two, then the next after the timeout, then around again; only the offered see it', async () => {
    await setQueue(`strategy = 'ring', ring_size = 2, offer_timeout_s = 30`);
    const reps = await team();
    const id = await (await visitorActor(hub)).say('Hello');
    expect(await offeredTo(id)).toEqual(['r_anna', 'r_ben']);
    await eventually(() => expect(reps.anna.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
    await eventually(() => expect(reps.cleo.seen(id)).toMatchObject({ folder: 'none', access: 'none' }));
    await advance(29_000);
    expect(await offeredTo(id)).toEqual(['r_anna', 'r_ben']);
    await advance(1_000);
    expect(await offeredTo(id)).toEqual(['r_cleo']);
    await eventually(() => expect(reps.cleo.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
    await eventually(() => expect(reps.anna.seen(id)).toMatchObject({ folder: 'none' }));
  });

  it('round robin: successive conversations to successive reps, a lapsed offer to the next', async () => {
    await setQueue(`strategy = 'round_robin', offer_timeout_s = 20`);
    await team();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await (await visitorActor(hub)).say(`Hello ${i}`));
    expect(await Promise.all(ids.map(offeredTo))).toEqual([['r_anna'], ['r_ben'], ['r_cleo'], ['r_anna']]);
    await advance(20_000);
    expect(await offeredTo(ids[0])).toEqual(['r_ben']);
  });

  it('least busy: the rep with the most room gets it', async () => {
    await setQueue(`strategy = 'least_busy', offer_timeout_s = 20`);
    const reps = await team();
    for (const who of ['anna', 'anna', 'ben'] as const) {
      const id = await (await visitorActor(hub)).say('Busy');
      await db.query(`update conversations set status = 'active', owner_id = $2, offered_to = '{}' where id = $1`, [
        id,
        `r_${who}`,
      ]);
    }
    void reps;
    const id = await (await visitorActor(hub)).say('Who is free?');
    expect(await offeredTo(id)).toEqual(['r_cleo']);
  });

  it('a rep who lets offers lapse twice is set away and offered nothing more', async () => {
    await setQueue(`strategy = 'round_robin', offer_timeout_s = 10`);
    await db.query(`delete from queue_members where rep_id in ('r_ben', 'r_cleo')`);
    const { anna } = await team();
    const id = await (await visitorActor(hub)).say('Anyone?');
    expect(await offeredTo(id)).toEqual(['r_anna']);
    await advance(10_000);
    expect(await offeredTo(id)).toEqual(['r_anna']);
    await advance(10_000);
    const [rep] = await db.query<{ status: string }>(`select status from reps where id = 'r_anna'`);
    expect(rep.status).toBe('away');
    expect(await offeredTo(id)).toEqual([]);
    await eventually(() =>
      expect(
        anna.socket.frames.some(
          (f) => f.type === 'event' && f.event.kind === 'rep.status' && f.event.status === 'away',
        ),
      ).toBe(true),
    );
  });
});

describe('a full queue', () => {
  it('holds conversations, tells visitors their place, and drains in order as reps free up', async () => {
    await setQueue(`default_capacity = 1`);
    await db.query(`delete from queue_members where rep_id in ('r_ben', 'r_cleo')`);
    const { anna } = await team();
    const first = await visitorActor(hub);
    const firstId = await first.say('First');
    expect((await anna.cmd({ type: 'take', conversationId: firstId })).type).toBe('ack');
    const second = await visitorActor(hub);
    const secondId = await second.say('Second');
    const third = await visitorActor(hub);
    const thirdId = await third.say('Third');
    expect(await offeredTo(secondId)).toEqual([]);
    await eventually(() =>
      expect(second.socket.frames.filter((f) => f.type === 'queue').at(-1)?.queue).toMatchObject({ position: 1 }),
    );
    await eventually(() =>
      expect(third.socket.frames.filter((f) => f.type === 'queue').at(-1)?.queue).toMatchObject({ position: 2 }),
    );
    expect((await anna.cmd({ type: 'markHandled', conversationId: firstId })).type).toBe('ack');
    expect(await offeredTo(secondId)).toEqual(['r_anna']);
    expect(await offeredTo(thirdId)).toEqual(['r_anna']);
    expect((await anna.cmd({ type: 'take', conversationId: secondId })).type).toBe('ack');
    expect(await offeredTo(thirdId)).toEqual([]);
    await eventually(() => expect(second.socket.frames.filter((f) => f.type === 'queue').at(-1)?.queue).toBeNull());
    await eventually(() =>
      expect(third.socket.frames.filter((f) => f.type === 'queue').at(-1)?.queue).toMatchObject({ position: 1 }),
    );
  });
});

describe('availability', () => {
  it('invisible reps keep their conversations, get no offers, and visitors see no one available', async () => {
    await db.query(`delete from queue_members where rep_id in ('r_ben', 'r_cleo')`);
    const { anna } = await team();
    const mine = await (await visitorActor(hub)).say('Before');
    expect((await anna.cmd({ type: 'take', conversationId: mine })).type).toBe('ack');
    expect((await anna.cmd({ type: 'setStatus', status: 'invisible' })).type).toBe('ack');
    const visitor = await visitorActor(hub);
    expect(visitor.welcome.availability).toBe('unavailable');
    const waiting = await visitor.say('Hello?');
    expect(await offeredTo(waiting)).toEqual([]);
    expect((await anna.cmd({ type: 'send', conversationId: mine, text: 'Still here for you' })).type).toBe('ack');
    expect((await anna.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
    expect(await offeredTo(waiting)).toEqual(['r_anna']);
    await eventually(() =>
      expect(visitor.socket.frames.some((f) => f.type === 'availability' && f.availability === 'open')).toBe(true),
    );
  });

  it('outside business hours the widget is told the chat is closed, and messages wait in Pending', async () => {
    await db.query(`update chats set hours = $1`, [
      JSON.stringify({ timezone: 'Europe/Rome', weekly: { mon: [{ from: '09:00', to: '10:00' }] } }),
    ]);
    await team();
    const visitor = await visitorActor(hub); // Monday 11:00 in Rome
    expect(visitor.welcome.availability).toBe('closed');
    const id = await visitor.say('Please call me back');
    const [row] = await db.query<{ status: string }>('select status from conversations where id = $1', [id]);
    expect(row.status).toBe('pending');
  });
});

describe('abandoned conversations', () => {
  it('leave every folder when the visitor goes before any rep joined; a message left while nobody was there stays', async () => {
    const { ben } = await team();
    const leaver = await visitorActor(hub);
    const abandoned = await leaver.say('Hello?');
    leaver.close();
    await eventually(async () =>
      expect(
        (
          await db.query<{ left_at: Date | null }>(
            'select left_at from visitors where id = (select visitor_id from conversations where id = $1)',
            [abandoned],
          )
        )[0].left_at,
      ).not.toBeNull(),
    );
    await advance(60_000);
    expect(
      (await db.query<{ status: string }>('select status from conversations where id = $1', [abandoned]))[0].status,
    ).toBe('pending');
    await advance(60_000);
    expect(
      (await db.query<{ status: string }>('select status from conversations where id = $1', [abandoned]))[0].status,
    ).toBe('abandoned');
    await eventually(() => expect(ben.seen(abandoned)).toMatchObject({ folder: 'none', status: 'abandoned' }));

    await db.query(`update reps set status = 'away'`);
    const note = await visitorActor(hub);
    const left = await note.say('Call me back please');
    note.close();
    await advance(10 * 60_000);
    expect(
      (await db.query<{ status: string }>('select status from conversations where id = $1', [left]))[0].status,
    ).toBe('pending');
  });
});

describe('closing soon (FEATURES B4)', () => {
  it('warns a rep with an active conversation fifteen minutes before the chat closes, once', async () => {
    await db.query(`update chats set hours = $1`, [
      JSON.stringify({ timezone: 'Europe/Rome', weekly: { mon: [{ from: '09:00', to: '11:15' }] } }),
    ]);
    const { anna, ben } = await team(); // Monday 11:00 in Rome: closes in 15 minutes
    const id = await (await visitorActor(hub)).say('Quick question');
    expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    const warning = await anna.socket.next((f) => f.type === 'closingSoon');
    expect(warning).toEqual({
      type: 'closingSoon',
      chatId: 'ch_demo',
      chatName: 'Demo shop',
      closesAt: '2026-11-23T10:15:00.000Z',
    });
    expect((await anna.cmd({ type: 'send', conversationId: id, text: 'Sure' })).type).toBe('ack');
    await anna.cmd({ type: 'setStatus', status: 'online' });
    expect(anna.socket.frames.filter((f) => f.type === 'closingSoon')).toHaveLength(0);
    expect(ben.socket.frames.some((f) => f.type === 'closingSoon')).toBe(false);
  });
});
