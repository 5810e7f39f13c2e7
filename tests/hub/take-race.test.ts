import { afterAll, beforeAll, expect, it } from 'vitest';
import { repActor, visitorActor, type RepActor, type VisitorActor } from './actors';
import { RATE_LIMITS } from '#protocol';
import { scaleRates } from '#hub/net/hub-limits';
import { startTestHub } from './support';

/**
 * FEATURES C3: of several reps taking the same conversation at the same moment through real
 * connections, exactly one wins — every round, on a real PostgreSQL with a pool of connections.
 */
const ROUNDS = 1000;
let t: Awaited<ReturnType<typeof startTestHub>>;
let racers: RepActor[];
let visitor: VisitorActor;
beforeAll(async () => {
  // One visitor writes a line per round, 1,000 in a few seconds: far above a person's send limit.
  t = await startTestHub('postgres', { rateLimits: scaleRates(RATE_LIMITS, 1000) });
  await t.db.query('update queues set default_capacity = 100');
  racers = [
    await repActor(t.hub, 'anna@demo.parley.test'),
    await repActor(t.hub, 'ben@demo.parley.test'),
    await repActor(t.hub, 'alex@demo.parley.test'),
  ];
  visitor = await visitorActor(t.hub);
});
afterAll(async () => {
  racers.forEach((r) => r.close());
  visitor.close();
  await t.stop();
});

it(`has exactly one owner in each of ${ROUNDS} rounds of three reps taking at once`, { timeout: 600_000 }, async () => {
  const wins = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const id = await visitor.say(`round ${round}`);
    // Rotate who sends first, so each rep gets rounds where they are first on the wire.
    const order = racers.map((_, i) => (i + round) % racers.length);
    const sent = order.map((i) => racers[i].cmd({ type: 'take', conversationId: id }));
    const answers: Awaited<(typeof sent)[number]>[] = [];
    (await Promise.all(sent)).forEach((a, k) => (answers[order[k]] = a));
    const winners = answers.flatMap((a, i) => (a.type === 'ack' ? [i] : []));
    expect(winners, `round ${round}`).toHaveLength(1);
    for (const a of answers) if (a.type !== 'ack') expect(a.code).toBe('conflict');
    const [row] = await t.db.query<{ owner_id: string }>('select owner_id from conversations where id = $1', [id]);
    const winner = racers[winners[0]];
    const name = ['r_anna', 'r_ben', 'r_alex'][winners[0]];
    expect(row.owner_id).toBe(name);
    wins.set(name, (wins.get(name) ?? 0) + 1);
    // Handled: the visitor's next message opens a fresh conversation for the next round.
    expect((await winner.cmd({ type: 'markHandled', conversationId: id })).type).toBe('ack');
  }
  console.log('take race winners:', Object.fromEntries(wins));
  expect([...wins.values()].reduce((a, b) => a + b, 0)).toBe(ROUNDS);
});
