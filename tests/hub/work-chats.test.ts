import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, startTestHub } from './support';

/**
 * FEATURES A2 on a real hub: a rep works in the chats they choose, or all. Offers and pending come only
 * from the chosen chats, the choice is kept per rep and reaches their other devices, and a chat they
 * are in no queue of is refused with nothing changed.
 */
describe.each(BACKENDS)('on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    t = await startTestHub(backend);
    // A second website: a help desk whose one queue has Anna and Ben, like the demo shop's.
    await t.db.query(`insert into chats (id, key, name) values ('ch_help', 'demo-help', 'Help desk')`);
    await t.db.query(`insert into queues (id, chat_id, name) values ('q_help', 'ch_help', 'Help')`);
    await t.db.query(
      `insert into queue_members (queue_id, rep_id, position) values ('q_help', 'r_anna', 0), ('q_help', 'r_ben', 1)`,
    );
  });
  afterAll(() => t.stop());

  const open: RepActor[] = [];
  beforeEach(async () => {
    // Each test starts with everyone gone: a socket of the last test closing late would set its rep offline mid-test.
    await Promise.all(open.splice(0).map((r) => (r.close(), r.socket.closed)));
    await eventually(
      async () => expect(await t.db.query(`select id from reps where status <> 'offline'`)).toEqual([]),
      10_000,
    );
    await t.db.query(`update reps set work_chats = null`);
    await t.db.query(`update conversations set status = 'closed', offered_to = '{}', closed_reason = 'handled'`);
  });
  async function rep(who: string): Promise<RepActor> {
    const actor = await repActor(t.hub, `${who}@demo.parley.test`);
    open.push(actor);
    return actor;
  }
  const offeredTo = async (id: string) =>
    (
      await t.db.query<{ offered_to: string[] }>('select offered_to from conversations where id = $1', [id])
    )[0].offered_to.sort();
  const workChats = async (repId: string) =>
    (await t.db.query<{ work_chats: string[] | null }>('select work_chats from reps where id = $1', [repId]))[0]
      .work_chats;
  const shopVisitor = () => visitorActor(t.hub);
  const helpVisitor = () => visitorActor(t.hub, undefined, 'demo-help');

  describe('the chats a rep works in', () => {
    it('lists the chats of the rep’s queues after welcome, with all of them in force', async () => {
      const anna = await rep('anna');
      expect(await anna.socket.next((f) => f.type === 'workChats')).toEqual({
        type: 'workChats',
        chats: [
          { id: 'ch_demo', name: 'Demo shop' },
          { id: 'ch_help', name: 'Help desk' },
        ],
        working: 'all',
      });
    });

    it('a rep working only in the help desk is offered nothing from the shop, and sees no pending there', async () => {
      const anna = await rep('anna');
      await rep('ben');
      expect((await anna.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      expect(await workChats('r_anna')).toEqual(['ch_help']);

      const shopId = await (await shopVisitor()).say('Do you ship to Prague?');
      expect(await offeredTo(shopId)).toEqual(['r_ben']);
      await eventually(() => expect(anna.seen(shopId)).toMatchObject({ folder: 'none', access: 'none' }));
      expect((await anna.cmd({ type: 'take', conversationId: shopId })).code).toBe('forbidden');

      const helpId = await (await helpVisitor()).say('My order is late');
      expect(await offeredTo(helpId)).toEqual(['r_anna', 'r_ben']);
      await eventually(() => expect(anna.seen(helpId)).toMatchObject({ folder: 'pending', access: 'offered' }));
    });

    it('leaving a chat withdraws its offers at once; choosing all again brings them back', async () => {
      const anna = await rep('anna');
      await rep('ben');
      const shopId = await (await shopVisitor()).say('Hello from the shop');
      await eventually(() => expect(anna.seen(shopId)).toMatchObject({ folder: 'pending' }));

      expect((await anna.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      expect(await offeredTo(shopId)).toEqual(['r_ben']);
      await eventually(() => expect(anna.seen(shopId)).toMatchObject({ folder: 'none', access: 'none' }));

      expect((await anna.cmd({ type: 'setChats', chats: 'all' })).type).toBe('ack');
      expect(await workChats('r_anna')).toBeNull();
      expect(await offeredTo(shopId)).toEqual(['r_anna', 'r_ben']);
      await eventually(() => expect(anna.seen(shopId)).toMatchObject({ folder: 'pending', access: 'offered' }));
    });

    it("tells the rep's other devices, and a new connection gets the stored choice", async () => {
      const laptop = await rep('anna');
      const phone = await rep('anna');
      await laptop.socket.next((f) => f.type === 'workChats');
      await phone.socket.next((f) => f.type === 'workChats');
      expect((await laptop.cmd({ type: 'setChats', chats: ['ch_demo'] })).type).toBe('ack');
      expect(await phone.socket.next((f) => f.type === 'workChats')).toMatchObject({ working: ['ch_demo'] });
      expect(await laptop.socket.next((f) => f.type === 'workChats')).toMatchObject({ working: ['ch_demo'] });
      // One change logs an event per chat of hers; each device is told once.
      await new Promise((r) => setTimeout(r, 200));
      expect(phone.socket.frames.filter((f) => f.type === 'workChats')).toHaveLength(0);
      // Nobody else hears of it.
      const ben = await rep('ben');
      expect((await laptop.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      await phone.socket.next((f) => f.type === 'workChats' && f.working[0] === 'ch_help');
      expect(ben.socket.frames.some((f) => f.type === 'event' && f.event.kind === 'rep.chats')).toBe(false);

      const later = await rep('anna');
      expect(await later.socket.next((f) => f.type === 'workChats')).toMatchObject({ working: ['ch_help'] });
    });

    it('the shop counts as unavailable to its visitors when its reps all work elsewhere', async () => {
      const anna = await rep('anna');
      const ben = await rep('ben');
      const visitor = await shopVisitor();
      expect(visitor.welcome.availability).toBe('open');
      expect((await anna.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      expect((await ben.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      expect(await visitor.socket.next((f) => f.type === 'availability')).toEqual({
        type: 'availability',
        availability: 'unavailable',
      });
      expect((await ben.cmd({ type: 'setChats', chats: 'all' })).type).toBe('ack');
      expect(await visitor.socket.next((f) => f.type === 'availability')).toEqual({
        type: 'availability',
        availability: 'open',
      });
    });

    it.each([
      [['ch_nope'], 'not_found', /no queue of chat ch_nope/],
      [['ch_help', 'ch_elsewhere'], 'not_found', /ch_elsewhere/],
      [[], 'bad_frame', /at least one chat/],
      [['ch_help', 'ch_help'], 'bad_frame', /listed twice/],
      ['some', 'bad_frame', /chats/],
    ])('refuses %j with %s and changes nothing', async (chats, code, message) => {
      const anna = await rep('anna');
      await anna.socket.next((f) => f.type === 'workChats' && f.working === 'all');
      expect((await anna.cmd({ type: 'setChats', chats: ['ch_help'] })).type).toBe('ack');
      await anna.socket.next((f) => f.type === 'workChats' && f.working !== 'all');
      const answer = await anna.cmd({ type: 'setChats', chats });
      expect(answer).toMatchObject({ type: 'error', code });
      expect(answer.message).toMatch(message);
      expect(await workChats('r_anna')).toEqual(['ch_help']);
      await new Promise((r) => setTimeout(r, 100));
      expect(anna.socket.frames.filter((f) => f.type === 'workChats')).toHaveLength(0);
    });

    it('a supervisor in no queue may only choose all', async () => {
      const sara = await rep('sara');
      expect(await sara.socket.next((f) => f.type === 'workChats')).toMatchObject({ chats: [], working: 'all' });
      expect((await sara.cmd({ type: 'setChats', chats: ['ch_demo'] })).code).toBe('not_found');
      expect((await sara.cmd({ type: 'setChats', chats: 'all' })).type).toBe('ack');
    });
  });
});
