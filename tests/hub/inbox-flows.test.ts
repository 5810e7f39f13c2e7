import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { connect, startTestHub, wsUrl } from './support';

/** The inbox flows of FEATURES C4–C7 and C10 through a real hub: what each side receives. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let anna: RepActor;
let ben: RepActor;
beforeEach(async () => {
  t = await startTestHub();
  anna = await repActor(t.hub, 'anna@demo.parley.test');
  ben = await repActor(t.hub, 'ben@demo.parley.test');
});
afterEach(async () => {
  anna.close();
  ben.close();
  await t.stop();
});

const row = async (id: string) =>
  (
    await t.db.query<{ status: string; owner_id: string | null; readers: string[]; closed_reason: string | null }>(
      'select * from conversations where id = $1',
      [id],
    )
  )[0];

describe('take', () => {
  it("drops the conversation from the other reps' inboxes at once", async () => {
    const id = await (await visitorActor(t.hub)).say('Hello');
    await eventually(() => expect(ben.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
    expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    await eventually(() => expect(ben.seen(id)).toMatchObject({ folder: 'none', access: 'none', ownerId: 'r_anna' }));
    await eventually(() => expect(anna.seen(id)).toMatchObject({ folder: 'active', access: 'owner' }));
  });
});

describe('transfer', () => {
  it('to a rep lands in their Active; the sender keeps read-only access and can fetch the history', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await visitor.say('I need billing');
    await anna.cmd({ type: 'take', conversationId: id });
    await anna.cmd({ type: 'send', conversationId: id, text: 'Let me pass you on' });
    expect((await anna.cmd({ type: 'transfer', conversationId: id, to: { kind: 'rep', repId: 'r_ben' } })).type).toBe(
      'ack',
    );
    expect(await row(id)).toMatchObject({ status: 'active', owner_id: 'r_ben', readers: ['r_anna'] });
    await eventually(() => expect(ben.seen(id)).toMatchObject({ folder: 'active', access: 'owner' }));
    await eventually(() => expect(anna.seen(id)).toMatchObject({ folder: 'active', access: 'reader' }));
    const reqId = 'history-1';
    ben.socket.send({ type: 'history', reqId, conversationId: id });
    const history = await ben.socket.next((f) => f.reqId === reqId);
    expect(history.messages.map((m: { text: string }) => m.text)).toEqual(['I need billing', 'Let me pass you on']);
    expect((await anna.cmd({ type: 'send', conversationId: id, text: 'me again' })).code).toBe('forbidden');
  });

  it('to a queue lands in its Pending and is offered again', async () => {
    const id = await (await visitorActor(t.hub)).say('Hello');
    await anna.cmd({ type: 'take', conversationId: id });
    expect(
      (await anna.cmd({ type: 'transfer', conversationId: id, to: { kind: 'queue', queueId: 'q_demo' } })).type,
    ).toBe('ack');
    expect(await row(id)).toMatchObject({ status: 'pending', owner_id: null, readers: ['r_anna'] });
    await eventually(() => expect(ben.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
  });

  it('finds reps by name or extension number', async () => {
    ben.socket.send({ type: 'searchReps', reqId: 's1', query: '101' });
    expect((await ben.socket.next((f) => f.reqId === 's1')).reps.map((r: { name: string }) => r.name)).toEqual([
      'Anna Rossi',
    ]);
    ben.socket.send({ type: 'searchReps', reqId: 's2', query: 'nov' });
    expect((await ben.socket.next((f) => f.reqId === 's2')).reps.map((r: { name: string }) => r.name)).toEqual([
      'Ben Novak',
    ]);
  });
});

describe('handled, ended and sticky return', () => {
  it('an ended (not handled) conversation goes back to its owner when the visitor writes again, if the owner is online', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await visitor.say('Hello');
    await anna.cmd({ type: 'take', conversationId: id });
    await anna.cmd({ type: 'endSession', conversationId: id });
    await visitor.socket.next((f) => f.type === 'ended' && f.reason === 'ended');
    expect(await visitor.say('One more thing')).toBe(id);
    expect(await row(id)).toMatchObject({ status: 'active', owner_id: 'r_anna' });
  });

  it('goes to normal routing when that owner is offline', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await visitor.say('Hello');
    await anna.cmd({ type: 'take', conversationId: id });
    await anna.cmd({ type: 'endSession', conversationId: id });
    anna.close();
    await eventually(async () =>
      expect((await t.db.query<{ status: string }>(`select status from reps where id = 'r_anna'`))[0].status).toBe(
        'offline',
      ),
    );
    expect(await visitor.say('Anyone?')).toBe(id);
    expect(await row(id)).toMatchObject({ status: 'pending', owner_id: null });
    await eventually(() => expect(ben.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
  });

  it('a handled conversation is archived; the next message starts a new one', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await visitor.say('Hello');
    await anna.cmd({ type: 'take', conversationId: id });
    await anna.cmd({ type: 'markHandled', conversationId: id });
    expect(await row(id)).toMatchObject({ status: 'archived', closed_reason: 'handled' });
    expect(await visitor.say('New question')).not.toBe(id);
  });
});

describe('block', () => {
  it('closes the conversation, tells the visitor, and keeps them out', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await visitor.say('spam');
    await anna.cmd({ type: 'take', conversationId: id });
    expect((await anna.cmd({ type: 'block', conversationId: id, duration: { unit: 'hours', amount: 1 } })).type).toBe(
      'ack',
    );
    expect(await visitor.socket.next((f) => f.type === 'ended')).toEqual({ type: 'ended', reason: 'blocked' });
    expect(await visitor.socket.closed).toBe(4003);
    expect(await row(id)).toMatchObject({ status: 'closed', closed_reason: 'blocked' });
    const hello = async (token?: string) => {
      const s = await connect(wsUrl(t.hub.url, '/ws/visitor'));
      s.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', ...(token ? { token } : {}) });
      return (await s.next((f) => f.type === 'ended' || f.type === 'welcome')).type;
    };
    expect(await hello(visitor.token)).toBe('ended');
    // The test's address is loopback, which a block never covers (ip-blocks.test.ts blocks public ones).
    expect(await hello()).toBe('welcome');
  });
});

describe('archive, unarchive, delete', () => {
  it('moves a closed conversation to Archived and back, and deletes it for everyone', async () => {
    const id = await (await visitorActor(t.hub)).say('Hello');
    await anna.cmd({ type: 'take', conversationId: id });
    await anna.cmd({ type: 'endSession', conversationId: id });
    expect((await anna.cmd({ type: 'archive', conversationId: id })).type).toBe('ack');
    await eventually(() => expect(anna.seen(id)).toMatchObject({ folder: 'archived' }));
    expect((await anna.cmd({ type: 'unarchive', conversationId: id })).type).toBe('ack');
    await eventually(() => expect(anna.seen(id)).toMatchObject({ folder: 'closed' }));
    expect((await anna.cmd({ type: 'delete', conversationId: id })).type).toBe('ack');
    await anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'conversation.deleted' && f.event.conversationId === id,
    );
    expect(await t.db.query('select 1 from messages where conversation_id = $1', [id])).toEqual([]);
  });
});

describe('collision detection', () => {
  it('tells each rep who else has the conversation open', async () => {
    const alex = await repActor(t.hub, 'alex@demo.parley.test');
    const id = await (await visitorActor(t.hub)).say('Hello');
    anna.socket.send({ type: 'viewing', conversationId: id });
    alex.socket.send({ type: 'viewing', conversationId: id });
    await eventually(() =>
      expect(anna.socket.frames.filter((f) => f.type === 'viewers').at(-1)?.reps).toEqual([
        { id: 'r_alex', name: 'Alex Kowalski' },
      ]),
    );
    alex.socket.send({ type: 'viewing', conversationId: null });
    await eventually(() => expect(anna.socket.frames.filter((f) => f.type === 'viewers').at(-1)?.reps).toEqual([]));
    alex.close();
  });
});

describe('presence', () => {
  it('a rep who drops and comes back within the grace period keeps their conversation', async () => {
    const grace = await startTestHub();
    try {
      await grace.hub.close();
      const { startHub } = await import('#hub/server');
      const hub = await startHub({ db: grace.db, port: 0, presenceGraceMs: 5_000 });
      const rep = await repActor(hub, 'anna@demo.parley.test');
      const visitor = await visitorActor(hub);
      const id = await visitor.say('Hello');
      await rep.cmd({ type: 'take', conversationId: id });
      rep.close();
      await rep.socket.closed;
      const back = await repActor(hub, 'anna@demo.parley.test');
      expect(await visitor.say('Are you there?')).toBe(id);
      expect(
        (
          await grace.db.query<{ status: string; owner_id: string }>(
            'select status, owner_id from conversations where id = $1',
            [id],
          )
        )[0],
      ).toEqual({ status: 'active', owner_id: 'r_anna' });
      back.close();
      visitor.close();
      await hub.close();
    } finally {
      await grace.db.close();
    }
    // Two hubs started and closed, two sign-ins at the production scrypt cost: ~28 s at load 12.
  }, 90_000);
});
