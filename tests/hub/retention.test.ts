import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention, createRetention } from '#hub/data-out/retention';
import { claimJob } from '#hub/data-out/jobs';
import { startHub } from '#hub/server';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { takenConversation } from './crm-support';
import { restClient } from './rest-client';
import { BACKENDS, loginAs, startTestHub } from './support';

/**
 * Retention per chat (FEATURES H6, issue 20) on both databases: a chat set to N months loses its
 * conversations older than that (by their last message) through the one deletion path, keeps newer
 * and open ones, and with several hubs on one database the job runs in one of them.
 */
describe.each(BACKENDS)('retention on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  beforeEach(async () => {
    t = await startTestHub(backend, { timers: false });
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterEach(async () => {
    anna.close();
    await t.stop();
  });
  const call = (...a: Parameters<ReturnType<typeof restClient>['call']>) => restClient(t.hub.url).call(...a);

  /** Three conversations of the demo chat: closed 7 months ago, closed last week, active but 7 months old. */
  async function threeConversations() {
    const [old, recent, open] = [
      await takenConversation(anna, await visitorActor(t.hub), 'old words'),
      await takenConversation(anna, await visitorActor(t.hub), 'recent words'),
      await takenConversation(anna, await visitorActor(t.hub), 'open words'),
    ];
    for (const id of [old, recent]) await anna.cmd({ type: 'endSession', conversationId: id });
    const age = (id: string, interval: string) =>
      t.db.query(`update conversations set last_message_at = now() - $2::interval where id = $1`, [id, interval]);
    await age(old, '7 months');
    await age(recent, '7 days');
    await age(open, '7 months');
    return { old, recent, open };
  }
  const kept = async () =>
    (await t.db.query<{ id: string }>(`select id from conversations order by id`)).map((r) => r.id);

  it('deletes only conversations past the chat’s months, closed ones, with their messages and events', async () => {
    const { old, recent, open } = await threeConversations();
    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    expect(await (await call('GET', '/api/admin/retention', alex)).json()).toEqual({
      chats: [expect.objectContaining({ chatId: 'ch_demo', months: null })],
    });
    // Without a setting nothing goes.
    expect(await applyRetention(t.db, Date.now())).toEqual({ conversations: 0, fileIds: [] });
    expect(await kept()).toEqual([old, recent, open].sort());

    expect((await call('PUT', '/api/admin/chats/ch_demo/retention', alex, { months: 6 })).status).toBe(204);
    // The hub's own timers run it (its first tick asks for the job at once).
    await t.hub.tick();
    expect(await kept()).toEqual([recent, open].sort());
    expect(await t.db.query(`select 1 from messages where text = 'old words'`)).toEqual([]);
    expect(await t.db.query('select kind from events where conversation_id = $1', [old])).toEqual([
      { kind: 'conversation.deleted' },
    ]);
    await eventually(() =>
      expect(anna.socket.frames).toContainEqual({
        type: 'event',
        event: expect.objectContaining({ kind: 'conversation.deleted', conversationId: old }),
      }),
    );
  });

  it('refuses a rep (403) and months outside 1–120 (400), changing nothing', async () => {
    const rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    expect((await call('PUT', '/api/admin/chats/ch_demo/retention', rep, { months: 1 })).status).toBe(403);
    expect((await call('GET', '/api/admin/retention', rep)).status).toBe(403);
    for (const months of [0, 121, 1.5, '6'])
      expect((await call('PUT', '/api/admin/chats/ch_demo/retention', alex, { months })).status).toBe(400);
    expect((await call('PUT', '/api/admin/chats/ch_nope/retention', alex, { months: 3 })).status).toBe(404);
    expect(await t.db.query(`select retention_months from chats`)).toEqual([{ retention_months: null }]);
  });

  it('runs in one of two hubs sharing the database, once per period', async () => {
    const { old, recent, open } = await threeConversations();
    await t.db.query(`update chats set retention_months = 6`);
    const second = await startHub({ db: t.db, port: 0, timers: false });
    try {
      const removed: string[] = [];
      const files = { remove: async (id: string) => void removed.push(id) };
      const [a, b] = [
        createRetention(t.db, files, () => Date.now(), 'hub-a'),
        createRetention(t.db, files, () => Date.now(), 'hub-b'),
      ];
      const ran = await Promise.all([a(), b()]);
      expect(ran.sort()).toEqual([0, 1]);
      expect(await kept()).toEqual([recent, open].sort());
      expect(await t.db.query(`select kind from events where conversation_id = $1`, [old])).toHaveLength(1);
      // Within the period neither runs again, even with something newly due.
      await t.db.query(`update conversations set last_message_at = now() - interval '7 months' where id = $1`, [
        recent,
      ]);
      const later = [
        createRetention(t.db, files, () => Date.now(), 'hub-a'),
        createRetention(t.db, files, () => Date.now(), 'hub-b'),
      ];
      expect(await Promise.all(later.map((s) => s()))).toEqual([0, 0]);
      expect(await kept()).toEqual([recent, open].sort());
      // The hubs' own timers run the same job: the second hub's tick finds it done for this period.
      await second.tick();
      expect(await kept()).toEqual([recent, open].sort());
    } finally {
      await second.close();
    }
  });

  it('claims a job for one holder at a time, by a lease that lapses', async () => {
    const claims = await Promise.all(['a', 'b', 'c', 'd'].map((h) => claimJob(t.db, 'test-job', h, 0, 600)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await t.db.query(`update scheduled_jobs set lease_until = now() - interval '1 second' where name = 'test-job'`);
    expect(await claimJob(t.db, 'test-job', 'e', 0, 600)).toBe(true);
  });
});
