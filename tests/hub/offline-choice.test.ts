import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { PROTOCOL_VERSION } from '#protocol';
import { BACKENDS, connect, startTestHub, TEST_PRESENCE_GRACE_MS as GRACE_MS, wsUrl } from './support';

/**
 * FEATURES A3 on a real hub: a signed-in rep chooses offline. They keep their socket (and their inbox),
 * but colleagues do not see them, routing offers them nothing and visitors count no one; a
 * restarted worker reconnecting within the grace period leaves them offline; choosing online again
 * brings back what waits.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(BACKENDS)('on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend);
    // Anna alone in the demo shop's queue, so what a visitor sees depends on her.
    await t.db.query(`delete from queue_members where rep_id <> 'r_anna'`);
  });
  afterAll(() => t.stop());
  const open: RepActor[] = [];
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((r) => (r.close(), r.socket.closed)));
    await eventually(
      async () => expect(await t.db.query(`select id from reps where status <> 'offline'`)).toEqual([]),
      10_000,
    );
  });
  async function rep(who: string): Promise<RepActor> {
    const actor = await repActor(t.hub, `${who}@demo.parley.test`);
    open.push(actor);
    return actor;
  }
  const statusOf = async (id: string) =>
    (await t.db.query<{ status: string }>('select status from reps where id = $1', [id]))[0].status;
  const offeredTo = async (id: string) =>
    (await t.db.query<{ offered_to: string[] }>('select offered_to from conversations where id = $1', [id]))[0]
      .offered_to;

  it('a rep who chooses offline is offered nothing and visitors see no one; online again, what waits is offered', async () => {
    const anna = await rep('anna');
    expect((await anna.cmd({ type: 'setStatus', status: 'offline' })).type).toBe('ack');
    expect(await statusOf('r_anna')).toBe('offline');
    const visitor = await visitorActor(t.hub);
    expect(visitor.welcome.availability).toBe('unavailable');
    const waiting = await visitor.say('Anyone there?');
    expect(await offeredTo(waiting)).toEqual([]);
    // Still signed in: Anna's socket hears of the waiting conversation.
    await eventually(() => expect(anna.seen(waiting)).toBeDefined());

    expect((await anna.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
    expect(await offeredTo(waiting)).toEqual(['r_anna']);
    await eventually(() =>
      expect(visitor.socket.frames.some((f) => f.type === 'availability' && f.availability === 'open')).toBe(true),
    );
    visitor.close();
  });

  it('a worker that reconnects within the grace period leaves a chosen offline as it was', async () => {
    const anna = await rep('anna');
    expect((await anna.cmd({ type: 'setStatus', status: 'offline' })).type).toBe('ack');
    anna.close();
    await anna.socket.closed;
    // The worker comes back with the token it has (a sign-in at the production scrypt cost would
    // outlast the test's 300 ms grace).
    const again = await connect(wsUrl(t.hub.url, '/ws/rep'));
    again.send({ type: 'hello', v: PROTOCOL_VERSION, token: anna.token, lastEventId: 0 });
    await again.next((f) => f.type === 'synced');
    await sleep(GRACE_MS * 2);
    expect(await statusOf('r_anna')).toBe('offline');
    expect(again.frames.find((f) => f.type === 'welcome').rep.status).toBe('offline');
    again.close();
  });

  it('colleagues stop seeing a rep who goes offline, and see them again when back', async () => {
    await t.db.query(`insert into queue_members (queue_id, rep_id, position) values ('q_demo', 'r_ben', 1)`);
    try {
      const anna = await rep('anna');
      const ben = await rep('ben');
      const colleagues = () =>
        anna.socket.frames
          .filter((f) => f.type === 'chatReps')
          .at(-1)
          ?.chats[0].reps.map((r: { id: string }) => r.id);
      await eventually(() => expect(colleagues()).toEqual(['r_ben']));
      expect((await ben.cmd({ type: 'setStatus', status: 'offline' })).type).toBe('ack');
      await eventually(() => expect(colleagues()).toEqual([]));
      expect((await ben.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
      await eventually(() => expect(colleagues()).toEqual(['r_ben']));
    } finally {
      await t.db.query(`delete from queue_members where rep_id = 'r_ben'`);
    }
  });

  it('after the grace period without a socket, the next sign-in is online again', async () => {
    const anna = await rep('anna');
    expect((await anna.cmd({ type: 'setStatus', status: 'offline' })).type).toBe('ack');
    anna.close();
    await anna.socket.closed;
    await sleep(GRACE_MS * 3);
    const again = await rep('anna');
    expect(again.socket.frames.find((f) => f.type === 'welcome').rep.status).toBe('online');
  });
});
