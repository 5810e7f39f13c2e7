import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '#hub/server';
import { seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, loginAs, openTestDb } from './support';

/**
 * FEATURES A2 on a real hub: each rep sees, per chat they may work in, the colleagues working in it and
 * their availability — live as presence, choices and modes change. Invisible and offline reps and
 * observing supervisors are never shown; the rep is never shown to themselves; messages cost nothing.
 */
const ANNA = { id: 'r_anna', name: 'Anna Rossi' };
const BEN = { id: 'r_ben', name: 'Ben Novak' };
const SARA = { id: 'r_sara', name: 'Sara Weber' };

describe.each(BACKENDS)('on %s', (backend) => {
  let db: Db;
  let hub: Hub;
  /** How many times the hub read who works in chats, over all sockets. */
  let reads = 0;
  beforeAll(async () => {
    db = await openTestDb(backend);
    const counted: Db = {
      ...db,
      query(text, params) {
        if (text.includes('select distinct q.chat_id, r.id, r.name, r.status')) reads += 1;
        return db.query(text, params);
      },
    };
    hub = await startHub({ db: counted, port: 0, presenceGraceMs: 200 });
    await seedDemo(db);
    // A second website whose one queue has Anna, Ben and the supervisor Sara.
    await db.query(`insert into chats (id, key, name) values ('ch_help', 'demo-help', 'Help desk')`);
    await db.query(`insert into queues (id, chat_id, name) values ('q_help', 'ch_help', 'Help')`);
    await db.query(
      `insert into queue_members (queue_id, rep_id, position) values ('q_help', 'r_anna', 0), ('q_help', 'r_ben', 1), ('q_help', 'r_sara', 2)`,
    );
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const open: RepActor[] = [];
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((r) => (r.close(), r.socket.closed)));
    await eventually(
      async () => expect(await db.query(`select id from reps where status <> 'offline'`)).toEqual([]),
      10_000,
    );
    await db.query(`update reps set work_chats = null, mode = null`);
  });
  async function rep(who: string): Promise<RepActor> {
    const actor = await repActor(hub, `${who}@demo.parley.test`);
    open.push(actor);
    return actor;
  }
  /** The last list this socket was sent, as chat → colleagues. */
  const lastLists = (actor: RepActor) => {
    const frame = actor.socket.frames.filter((f) => f.type === 'chatReps').at(-1);
    return frame ? Object.fromEntries(frame.chats.map((c: any) => [c.chatId, c.reps])) : undefined;
  };
  const lists = (actor: RepActor, expected: Record<string, unknown[]>) =>
    eventually(() => expect(lastLists(actor)).toEqual(expected));

  it('lists the colleagues working in each chat with their availability, never the rep themselves', async () => {
    const anna = await rep('anna');
    expect(await anna.socket.next((f) => f.type === 'chatReps')).toEqual({
      type: 'chatReps',
      chats: [
        { chatId: 'ch_demo', name: 'Demo shop', reps: [], more: 0 },
        { chatId: 'ch_help', name: 'Help desk', reps: [], more: 0 },
      ],
    });
    const ben = await rep('ben');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
    await lists(ben, { ch_demo: [{ ...ANNA, status: 'online' }], ch_help: [{ ...ANNA, status: 'online' }] });

    expect((await ben.cmd({ type: 'setStatus', status: 'away' })).type).toBe('ack');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'away' }], ch_help: [{ ...BEN, status: 'away' }] });
  });

  it('an invisible rep is shown to no one, and shows again when back online', async () => {
    const anna = await rep('anna');
    const ben = await rep('ben');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });

    expect((await ben.cmd({ type: 'setStatus', status: 'invisible' })).type).toBe('ack');
    await lists(anna, { ch_demo: [], ch_help: [] });
    // Invisible Ben still sees who is working.
    expect(lastLists(ben)).toEqual({
      ch_demo: [{ ...ANNA, status: 'online' }],
      ch_help: [{ ...ANNA, status: 'online' }],
    });
    // Nothing anywhere in Anna's frames names him as invisible.
    expect(JSON.stringify(anna.socket.frames.filter((f) => f.type === 'chatReps'))).not.toContain('invisible');

    expect((await ben.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
  });

  it('follows the chats a rep works in and their going offline', async () => {
    const anna = await rep('anna');
    const ben = await rep('ben');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });

    expect((await ben.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
    await lists(anna, { ch_demo: [], ch_help: [{ ...BEN, status: 'online' }] });
    // Ben still sees both chats he may choose, and who works in them.
    expect(lastLists(ben)).toEqual({
      ch_demo: [{ ...ANNA, status: 'online' }],
      ch_help: [{ ...ANNA, status: 'online' }],
    });

    ben.close();
    await lists(anna, { ch_demo: [], ch_help: [] });
  });

  it('a supervisor observing is not shown; working as a rep, they are', async () => {
    const anna = await rep('anna');
    const sara = await rep('sara');
    await eventually(async () =>
      expect((await db.query<{ status: string }>(`select status from reps where id = 'r_sara'`))[0].status).toBe(
        'online',
      ),
    );
    await lists(anna, { ch_demo: [], ch_help: [] });
    // A supervisor oversees every chat, not only the help desk of her queue.
    await lists(sara, { ch_demo: [{ ...ANNA, status: 'online' }], ch_help: [{ ...ANNA, status: 'online' }] });

    expect((await sara.cmd({ type: 'setMode', mode: 'rep' })).type).toBe('ack');
    await lists(anna, { ch_demo: [], ch_help: [{ ...SARA, status: 'online' }] });
    expect((await sara.cmd({ type: 'setMode', mode: 'observer' })).type).toBe('ack');
    await lists(anna, { ch_demo: [], ch_help: [] });
  });

  it('a super user in no queue is shown who works in every chat, live', async () => {
    const alex = await rep('alex');
    expect((await alex.socket.next((f) => f.type === 'workChats')).chats).toEqual([]);
    await lists(alex, { ch_demo: [], ch_help: [] });
    const anna = await rep('anna');
    await lists(alex, { ch_demo: [{ ...ANNA, status: 'online' }], ch_help: [{ ...ANNA, status: 'online' }] });
    expect((await anna.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
    await lists(alex, { ch_demo: [], ch_help: [{ ...ANNA, status: 'online' }] });
    expect(
      alex.socket.frames
        .filter((f) => f.type === 'chatReps')
        .at(-1)
        .chats.map((c: { name: string }) => c.name),
    ).toEqual(['Demo shop', 'Help desk']);
  });

  it("follows a super user changing a queue's members", async () => {
    const anna = await rep('anna');
    await rep('ben');
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
    const admin = (await loginAs(hub.url, 'alex@demo.parley.test')).body.token;
    const saveHelp = (members: string[]) =>
      fetch(`${hub.url}/api/admin/queues/q_help`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          name: 'Help',
          strategy: 'broadcast',
          ringSize: 1,
          offerTimeoutSeconds: 30,
          defaultCapacity: 3,
          members: members.map((repId) => ({ repId, capacity: null })),
        }),
      });

    expect((await saveHelp(['r_anna', 'r_sara'])).status).toBe(204);
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [] });
    expect((await saveHelp(['r_anna', 'r_ben', 'r_sara'])).status).toBe(204);
    await lists(anna, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
  });

  it('costs one read per changed chat however many sockets listen, and nothing on messages', async () => {
    const sockets = [await rep('anna'), await rep('anna'), await rep('ben')];
    const [anna, annaPhone, ben] = sockets;
    await lists(anna!, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
    await lists(annaPhone!, { ch_demo: [{ ...BEN, status: 'online' }], ch_help: [{ ...BEN, status: 'online' }] });
    await lists(ben!, { ch_demo: [{ ...ANNA, status: 'online' }], ch_help: [{ ...ANNA, status: 'online' }] });

    // A conversation and its messages: every socket hears of them, and no list is read or sent.
    const before = { reads, frames: sockets.map((s) => s.socket.frames.filter((f) => f.type === 'chatReps').length) };
    const visitor = await visitorActor(hub);
    const id = await visitor.say('Hello');
    await visitor.say('Anyone?');
    await Promise.all(sockets.map((s) => eventually(() => expect(s.seen(id)).toBeDefined())));
    expect(reads).toBe(before.reads);
    expect(sockets.map((s) => s.socket.frames.filter((f) => f.type === 'chatReps').length)).toEqual(before.frames);
    visitor.close();
    // Closed, so no offer lapses meanwhile and sets Anna away (FEATURES A5), which would be a real change.
    await db.query(`update conversations set status = 'closed', offered_to = '{}', closed_reason = 'handled'`);

    // Ben goes away: three sockets are told, from one read (both chats at once).
    const readsBefore = reads;
    expect((await ben!.cmd({ type: 'setStatus', status: 'away' })).type).toBe('ack');
    await lists(anna!, { ch_demo: [{ ...BEN, status: 'away' }], ch_help: [{ ...BEN, status: 'away' }] });
    await lists(annaPhone!, { ch_demo: [{ ...BEN, status: 'away' }], ch_help: [{ ...BEN, status: 'away' }] });
    expect(reads - readsBefore).toBe(1);
  });
});
