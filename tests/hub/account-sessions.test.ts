import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changePerson, deletePerson, resetPassword, signOutEverywhere } from '#hub/people/accounts';
import { CLOSE_UNAUTHORIZED } from '#hub/transport/rep-socket';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, startTestHub } from './support';

/**
 * Sessions follow the account at once (FEATURES H1), on a real hub with real sockets: a disabled,
 * deleted or reset account's sockets get `signedOut` with the reason and close within 2 s, its
 * token stops working on REST; a new role applies to the very next command, with no new sign-in.
 */
const WITHIN_MS = 2000;

describe.each(BACKENDS)('on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend);
  });
  afterAll(() => t.stop());

  const open: RepActor[] = [];
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((r) => (r.close(), r.socket.closed)));
    await t.db.query(
      `update reps set disabled_at = null, role = case id when 'r_sara' then 'observer' when 'r_alex' then 'admin' else 'rep' end, mode = null`,
    );
    await t.db.query(`update conversations set status = 'closed', offered_to = '{}', closed_reason = 'handled'`);
  });
  async function rep(who: string): Promise<RepActor> {
    const actor = await repActor(t.hub, `${who}@demo.parley.test`);
    open.push(actor);
    return actor;
  }
  /** A change as the REST route makes it: committed, then the feeds woken. */
  async function change<T>(work: () => Promise<T>): Promise<{ result: T; at: number }> {
    const result = await work();
    const at = Date.now();
    t.hub.ctx.committed();
    return { result, at };
  }
  const restStatus = async (token: string) =>
    (await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${token}` } })).status;

  it('disabling a rep closes each of their sockets within 2 s with the reason, and the hub refuses their token', async () => {
    const phone = await rep('ben');
    const laptop = await rep('ben');
    const anna = await rep('anna');
    const { at } = await change(() => changePerson(t.db, 'r_ben', { disabled: true }));
    for (const socket of [phone.socket, laptop.socket]) {
      expect(await socket.next((f) => f.type === 'signedOut', WITHIN_MS)).toEqual({
        type: 'signedOut',
        reason: 'disabled',
      });
      expect(await socket.closed).toBe(CLOSE_UNAUTHORIZED);
    }
    expect(Date.now() - at).toBeLessThan(WITHIN_MS);
    expect(await restStatus(phone.token)).toBe(401);
    // Someone else's session is untouched.
    expect((await anna.cmd({ type: 'setStatus', status: 'away' })).type).toBe('ack');
  });

  it('a rep made supervisor is refused a take on their very next command, with no new sign-in', async () => {
    const ben = await rep('ben');
    const visitor = await visitorActor(t.hub);
    const conversationId = await visitor.say('I need help');
    await changePerson(t.db, 'r_ben', { role: 'observer' });
    // No wake-up of the feeds yet: the command itself reads the account again.
    expect(await ben.cmd({ type: 'take', conversationId })).toMatchObject({
      code: 'forbidden',
      message: 'observers cannot take conversations',
    });
    t.hub.ctx.committed();
    expect(await ben.socket.next((f) => f.type === 'profile')).toMatchObject({
      rep: { id: 'r_ben', role: 'observer', mode: 'observer' },
    });
    visitor.close();
  });

  it('a rep made super user may switch to observer mode on their next command, and REST lets them in', async () => {
    const ben = await rep('ben');
    expect((await ben.cmd({ type: 'setMode', mode: 'observer' })).code).toBe('forbidden');
    expect(await restStatus(ben.token)).toBe(403);
    await changePerson(t.db, 'r_ben', { role: 'admin' });
    expect((await ben.cmd({ type: 'setMode', mode: 'observer' })).type).toBe('ack');
    expect(await restStatus(ben.token)).toBe(200);
  });

  it('a password reset closes the rep’s sockets, saying so', async () => {
    const ben = await rep('ben');
    await change(() => resetPassword(t.db, 'r_alex', 'r_ben'));
    expect(await ben.socket.next((f) => f.type === 'signedOut', WITHIN_MS)).toEqual({
      type: 'signedOut',
      reason: 'password',
    });
    expect(await ben.socket.closed).toBe(CLOSE_UNAUTHORIZED);
    await t.db.query(
      `update reps set password_hash = (select password_hash from reps where id = 'r_anna') where id = 'r_ben'`,
    );
  });

  it('signing out everywhere closes every socket of the rep', async () => {
    const one = await rep('anna');
    const two = await rep('anna');
    await change(() => signOutEverywhere(t.db, 'r_anna'));
    for (const actor of [one, two])
      expect(await actor.socket.next((f) => f.type === 'signedOut', WITHIN_MS)).toEqual({
        type: 'signedOut',
        reason: 'signedOut',
      });
    expect(await restStatus(one.token)).toBe(401);
  });

  it('a socket whose session ended runs no further command, even before the account event arrives', async () => {
    const ben = await rep('ben');
    await signOutEverywhere(t.db, 'r_ben'); // not committed to the feeds: only the command's own check can see it
    ben.socket.send({ type: 'setStatus', reqId: 'r1', clientId: 'client-ended-1', status: 'away' });
    expect(await ben.socket.next((f) => f.type === 'signedOut')).toEqual({ type: 'signedOut', reason: 'signedOut' });
    await eventually(async () =>
      expect(await t.db.query(`select status from reps where id = 'r_ben'`)).not.toEqual([{ status: 'away' }]),
    );
    expect(ben.socket.frames.some((f) => f.type === 'ack')).toBe(false);
  });

  it('deleting a rep closes their sockets with that reason (last, as it cannot be undone here)', async () => {
    const ben = await rep('ben');
    await change(() => deletePerson(t.db, 'r_ben'));
    expect(await ben.socket.next((f) => f.type === 'signedOut', WITHIN_MS)).toEqual({
      type: 'signedOut',
      reason: 'deleted',
    });
  });
});
