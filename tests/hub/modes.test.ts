import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, repActor, visitorActor } from './actors';
import { startTestHub } from './support';

/** FEATURES A4: modes are offered only to those with the role, and the hub acts on the mode. */
let t: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(() => t.stop());

describe('working modes', () => {
  it.each([
    ['anna', 'observer', 'forbidden'],
    ['anna', 'admin', 'forbidden'],
    ['sara', 'admin', 'forbidden'],
    ['sara', 'rep', 'ok'],
    ['alex', 'observer', 'ok'],
  ])('%s asking for %s mode: %s', async (who, mode, expected) => {
    const rep = await repActor(t.hub, `${who}@demo.parley.test`);
    const answer = await rep.cmd({ type: 'setMode', mode });
    expect(answer.type === 'ack' ? 'ok' : answer.code).toBe(expected);
    if (expected === 'ok') expect(await rep.socket.next((f) => f.type === 'profile')).toMatchObject({ rep: { mode } });
    rep.close();
  });

  it('a super user in observer mode can no longer reply or take, and back in admin mode can', async () => {
    await t.db.query(`update reps set mode = null`);
    const alex = await repActor(t.hub, 'alex@demo.parley.test');
    const id = await (await visitorActor(t.hub)).say('Hello');
    expect((await alex.cmd({ type: 'setMode', mode: 'observer' })).type).toBe('ack');
    expect((await alex.cmd({ type: 'take', conversationId: id })).code).toBe('forbidden');
    expect((await alex.cmd({ type: 'setMode', mode: 'admin' })).type).toBe('ack');
    expect((await alex.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    alex.close();
  });

  it('a super user in observer mode is not offered chats nor counted as someone who can answer; back in admin mode, both again', async () => {
    await t.db.query(`update reps set mode = null, status = 'offline'`);
    await t.db.query(
      `insert into queue_members (queue_id, rep_id, position) select 'q_demo', id, 99 from reps where email = 'alex@demo.parley.test' on conflict do nothing`,
    );
    const alex = await repActor(t.hub, 'alex@demo.parley.test');
    expect((await alex.cmd({ type: 'setStatus', status: 'online' })).type).toBe('ack');
    const offeredToAlex = async (id: string) =>
      (await t.db.query<{ offered_to: string[] }>(`select c.offered_to from conversations c where c.id = $1`, [id]))[0]!
        .offered_to.length > 0;

    const before = await visitorActor(t.hub);
    expect(before.welcome.availability).toBe('open');
    expect((await alex.cmd({ type: 'setMode', mode: 'observer' })).type).toBe('ack');
    // The waiting visitor hears that no one can answer now, and a new one is told so at once.
    await before.socket.next((f) => f.type === 'availability' && f.availability === 'unavailable');
    const watched = await visitorActor(t.hub);
    expect(watched.welcome.availability).toBe('unavailable');
    const id = await watched.say('Anyone there?');
    expect(await offeredToAlex(id)).toBe(false);

    expect((await alex.cmd({ type: 'setMode', mode: 'admin' })).type).toBe('ack');
    // Back at work: the chat waiting meanwhile is offered to him without anything else happening.
    await eventually(async () => expect(await offeredToAlex(id)).toBe(true));
    before.close();
    watched.close();
    alex.close();
  });
});
