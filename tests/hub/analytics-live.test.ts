import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueLive } from '#hub/analytics/live';
import { eventually, repActor, visitorActor } from './actors';
import { BACKENDS, startTestHub } from './support';

/**
 * The supervisors' live view of the queues (FEATURES H4): what it counts, and that it reaches
 * supervisors' sockets — never reps' — again after something moves, on both databases.
 */
describe.each(BACKENDS)('queue live view on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeEach(async () => {
    t = await startTestHub(backend);
  });
  afterEach(() => t.stop());

  it('counts waiting conversations, the longest wait, reps online, away and at capacity, offers lapsing and lapsed', async () => {
    const { db } = t;
    await db.query(`update queues set strategy = 'ring', ring_size = 1, offer_timeout_s = 10, default_capacity = 1`);
    const anna = await repActor(t.hub, 'anna@demo.parley.test');
    await repActor(t.hub, 'ben@demo.parley.test');
    const first = await (await visitorActor(t.hub)).say('One');
    await (await visitorActor(t.hub)).say('Two');
    expect((await anna.cmd({ type: 'take', conversationId: first })).type).toBe('ack');
    await db.query(`update reps set status = 'away' where id = 'r_ben'`);
    const [oldest] = await db.query<{ created_at: Date }>(
      `select min(created_at) as created_at from conversations where status = 'pending'`,
    );
    await db.query(
      `insert into conversation_facts (conversation_id, kind, rep_id, at) values ($1, 'offer_lapsed', 'r_ben', now() - interval '2 hours'), ($1, 'offer_lapsed', 'r_anna', now() - interval '5 minutes')`,
      [first],
    );
    const [demo] = await queueLive(db, Date.now());
    expect(demo).toMatchObject({
      queueId: 'q_demo',
      chatName: 'Demo shop',
      waiting: 1,
      oldestWaitingSince: oldest.created_at.toISOString(),
      online: 1,
      away: 1,
      atCapacity: 1,
      lapsedLastHour: 1,
    });
    // The waiting one's ring offer (10 s) is due within the 15 s window; once it is not, it is not counted.
    expect(demo.lapsing).toBe(1);
    await db.query(`update conversations set offer_expires_at = now() + interval '1 minute' where status = 'pending'`);
    expect((await queueLive(db, Date.now()))[0].lapsing).toBe(0);
  });

  it('is pushed to supervisors after synced and again when a conversation arrives, never to reps', async () => {
    const sara = await repActor(t.hub, 'sara@demo.parley.test');
    const anna = await repActor(t.hub, 'anna@demo.parley.test');
    const start = await sara.socket.next((f) => f.type === 'queueLive');
    expect(start.queues.find((q: { queueId: string }) => q.queueId === 'q_demo')).toMatchObject({ waiting: 0 });
    await (await visitorActor(t.hub)).say('Hello');
    const moved = await sara.socket.next(
      (f) => f.type === 'queueLive' && f.queues.some((q: { waiting: number }) => q.waiting === 1),
    );
    expect(moved.queues[0]).toMatchObject({ queueId: 'q_demo', waiting: 1 });
    await eventually(() => expect(anna.socket.frames.some((f) => f.type === 'event')).toBe(true));
    expect(anna.socket.frames.filter((f) => f.type === 'queueLive')).toEqual([]);
  });
});
