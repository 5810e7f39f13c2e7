import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repActor, visitorActor } from './actors';
import { startTestHub } from './support';

/** SPEC A4: modes are offered only to those with the role, and the hub acts on the mode. */
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
});
