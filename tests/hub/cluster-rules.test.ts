import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { CLUSTER_START_MS, startTestCluster, type TestCluster } from './cluster-support';

/**
 * FEATURES C rules across hub processes (FEATURES I6): three hubs on one PostgreSQL and Redis, each rep
 * and visitor on a different hub than the one they deal with. A take race is won once across
 * processes, a transfer reaches a rep on another hub, and collision detection, sneak peek and typing
 * cross from hub to hub.
 */
const ROUNDS = 1000;
/** Races run side by side (each its own visitor and conversation), so 1,000 take well under a minute. */
const LANES = 4;
let t: TestCluster;
let anna: RepActor;
let ben: RepActor;
let alex: RepActor;

beforeAll(async () => {
  t = await startTestCluster();
  anna = await repActor(t.hub(1), 'anna@demo.parley.test');
  ben = await repActor(t.hub(2), 'ben@demo.parley.test');
  alex = await repActor(t.hub(3), 'alex@demo.parley.test');
}, CLUSTER_START_MS);
afterAll(async () => {
  [anna, ben, alex].forEach((r) => r?.close());
  await t?.stop();
});

const lastViewers = (rep: RepActor, conversationId: string) =>
  rep.socket.frames.filter((f) => f.type === 'viewers' && f.conversationId === conversationId).at(-1)?.reps;

describe('three hubs on one database and Redis', () => {
  it(
    `has exactly one owner in each of ${ROUNDS} rounds of three reps on three hubs taking at once`,
    { timeout: 600_000 },
    async () => {
      const racers = [anna, ben, alex];
      const names = ['r_anna', 'r_ben', 'r_alex'];
      const wins = new Map<string, number>();
      async function lane(first: number) {
        const visitor = await visitorActor(t.lb);
        for (let round = first; round < ROUNDS; round += LANES) {
          const id = await visitor.say(`round ${round}`);
          // Rotate who sends first, so each rep gets rounds where they are first on the wire.
          const order = racers.map((_, i) => (i + round) % racers.length);
          const answers: Awaited<ReturnType<RepActor['cmd']>>[] = [];
          (await Promise.all(order.map((i) => racers[i].cmd({ type: 'take', conversationId: id })))).forEach(
            (a, k) => (answers[order[k]] = a),
          );
          const winners = answers.flatMap((a, i) => (a.type === 'ack' ? [i] : []));
          expect(winners, `round ${round}`).toHaveLength(1);
          for (const a of answers) if (a.type !== 'ack') expect(a.code).toBe('conflict');
          const [row] = await t.db.query<{ owner_id: string }>('select owner_id from conversations where id = $1', [
            id,
          ]);
          expect(row.owner_id).toBe(names[winners[0]]);
          wins.set(names[winners[0]], (wins.get(names[winners[0]]) ?? 0) + 1);
          // Handled: the visitor's next message opens a fresh conversation for the next round.
          expect((await racers[winners[0]].cmd({ type: 'markHandled', conversationId: id })).type).toBe('ack');
        }
        visitor.close();
      }
      await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));
      console.log('take race winners across hubs:', Object.fromEntries(wins));
      expect([...wins.values()].reduce((a, b) => a + b, 0)).toBe(ROUNDS);
      // Each hub's rep won some: the race was really run across processes.
      expect(wins.size).toBe(3);
    },
  );

  it('hands a conversation transferred on hub 1 to a rep on hub 2, and the visitor on hub 3 hears both', async () => {
    const visitor = await visitorActor(t.hub(3));
    const id = await visitor.say('I need Ben');
    expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    expect((await anna.cmd({ type: 'transfer', conversationId: id, to: { kind: 'rep', repId: 'r_ben' } })).type).toBe(
      'ack',
    );
    await eventually(() => expect(ben.seen(id)).toMatchObject({ ownerId: 'r_ben' }), 10_000);
    expect((await ben.cmd({ type: 'send', conversationId: id, text: 'Ben here' })).type).toBe('ack');
    await visitor.socket.next((f) => f.type === 'message' && f.message.text === 'Ben here', 10_000);
    visitor.close();
  });

  it('tells a rep on one hub who has the conversation open on the others, and when they close it', async () => {
    const visitor = await visitorActor(t.hub(1));
    const id = await visitor.say('Who is looking?');
    anna.socket.send({ type: 'viewing', conversationId: id });
    alex.socket.send({ type: 'viewing', conversationId: id });
    await eventually(() => expect(lastViewers(anna, id)).toEqual([{ id: 'r_alex', name: 'Alex Kowalski' }]), 10_000);
    await eventually(() => expect(lastViewers(alex, id)).toEqual([{ id: 'r_anna', name: 'Anna Rossi' }]), 10_000);
    alex.socket.send({ type: 'viewing', conversationId: null });
    await eventually(() => expect(lastViewers(anna, id)).toEqual([]), 10_000);
    anna.socket.send({ type: 'viewing', conversationId: null });
    visitor.close();
  });

  it("relays a visitor's draft on hub 3 to its owner on hub 1, and the owner's typing back", async () => {
    const visitor = await visitorActor(t.hub(3));
    const id = await visitor.say('hi');
    expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
    await visitor.socket.next((f) => f.type === 'features' && f.sneakPeek === true);
    visitor.socket.send({ type: 'draft', text: 'Do you ship to Mil' });
    expect(await anna.socket.next((f) => f.type === 'draft' && f.conversationId === id, 10_000)).toEqual({
      type: 'draft',
      conversationId: id,
      text: 'Do you ship to Mil',
    });
    anna.socket.send({ type: 'typing', conversationId: id, typing: true });
    expect(await visitor.socket.next((f) => f.type === 'typing', 10_000)).toEqual({ type: 'typing', typing: true });
    // Ben on hub 2 has no view of Anna's conversation: no draft of it reached him.
    expect(ben.socket.frames.filter((f) => f.type === 'draft' && f.conversationId === id)).toEqual([]);
    visitor.close();
  });
});
