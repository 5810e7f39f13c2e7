import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { eventually, repActor, visitorActor } from './actors';
import { resilientRep, resilientVisitor } from './cluster-clients';
import { clusterForFile } from './cluster-support';
import { loginAs } from './support';

/**
 * FEATURES I6 under faults: four visitors and their rep talk through nginx to three hubs on one
 * PostgreSQL and Redis while a hub is killed (SIGKILL) and restarted, Redis is killed and restarted,
 * and nginx drops every connection. Clients reconnect as the extension and the widget do. At the end
 * every message is in the database once, every rep received each one once and in the log's order,
 * and every visitor has each message of their conversation once, in the order it was sent.
 */
const VISITORS = 4;
const ROUNDS = 130; // each round: a visitor line and a rep reply per visitor — 1,040 messages
const FAULTS = { hubAt: 30, redisAt: 65, lbAt: 100 };

const cluster = clusterForFile();

it(
  'loses, repeats and reorders nothing while a hub dies, Redis restarts and the load balancer drops everyone',
  { timeout: 300_000 },
  async () => {
    const login = async (email: string) => (await loginAs(cluster().cluster.url, email)).body.token as string;
    const anna = resilientRep(cluster().cluster.url, await login('anna@demo.parley.test'));
    const alex = resilientRep(cluster().cluster.url, await login('alex@demo.parley.test'));
    const visitors = Array.from({ length: VISITORS }, () => resilientVisitor(cluster().cluster.url));
    const conversations: string[] = [];
    for (const [k, v] of visitors.entries()) {
      const clientId = await v.say(`v${k} hello`);
      const [row] = await cluster().db.query<{ conversation_id: string }>(
        'select conversation_id from messages where client_id = $1',
        [clientId],
      );
      conversations[k] = row.conversation_id;
      expect((await anna.cmd({ type: 'take', conversationId: row.conversation_id })).type).toBe('ack');
    }

    const faults: Promise<void>[] = [];
    const hub2 = cluster().cluster.hubs[1];
    async function lane(k: number) {
      for (let i = 0; i < ROUNDS; i++) {
        if (k === 0 && i === FAULTS.hubAt)
          faults.push(
            hub2
              .kill('SIGKILL')
              .then(() => new Promise((r) => setTimeout(r, 1000)))
              .then(() => hub2.start()),
          );
        // One fault at a time: a hub refuses to start while Redis is away (README, Going live).
        if (k === 0 && i === FAULTS.redisAt)
          faults.push(Promise.all(faults).then(() => cluster().cluster.redis.restart(1000)));
        if (k === 0 && i === FAULTS.lbAt)
          faults.push(Promise.all(faults).then(() => cluster().cluster.lb.restart(500)));
        await visitors[k].say(`v${k} ${i}`);
        await anna.cmd({ type: 'send', conversationId: conversations[k], text: `r${k} ${i}` });
      }
    }
    await Promise.all(visitors.map((_, k) => lane(k)));
    await Promise.all(faults);

    // The database: every message once.
    const rows = await cluster().db.query<{ id: string; conversation_id: string; text: string; client_id: string }>(
      `select id, conversation_id, text, client_id from messages where conversation_id = any($1) order by created_at, id`,
      [conversations],
    );
    expect(rows).toHaveLength(VISITORS * (2 * ROUNDS + 1));
    expect(new Set(rows.map((r) => r.text)).size).toBe(rows.length);

    // Each rep: every message once, in the log's order (event ids only rise, across every reconnect).
    for (const rep of [anna, alex]) {
      const created = () => rep.events.filter((e) => e.kind === 'message.created');
      await eventually(() => expect(created().length).toBeGreaterThanOrEqual(rows.length), 30_000);
      const ids = rep.events.map((e) => e.id);
      expect(ids.every((id, i) => i === 0 || id > ids[i - 1])).toBe(true);
      const mine = created().filter((e) => conversations.includes(e.message.conversationId));
      expect(mine.map((e) => e.message.id).sort()).toEqual(rows.map((r) => r.id).sort());
      for (const c of conversations)
        expect(mine.filter((e) => e.message.conversationId === c).map((e) => e.message.text)).toEqual(
          rows.filter((r) => r.conversation_id === c).map((r) => r.text),
        );
      // The faults really reached it: the load balancer's restart dropped it, and it came back (its new
      // connection may open after the faults' promises settle, so this waits for it).
      await eventually(() => expect(rep.connects).toBeGreaterThan(1), 30_000);
    }

    // Each visitor: their conversation's messages, each once, in the order sent.
    for (const [k, v] of visitors.entries()) {
      const expected = rows.filter((r) => r.conversation_id === conversations[k]).map((r) => r.text);
      await eventually(() => expect(v.order.length).toBe(expected.length), 30_000);
      expect(v.order.map((id) => v.messages.get(id).text)).toEqual(expected);
      await eventually(() => expect(v.connects).toBeGreaterThan(1), 30_000);
    }
    console.log(
      'reconnects: reps',
      [anna, alex].map((r) => r.connects - 1),
      'visitors',
      visitors.map((v) => v.connects - 1),
    );
    [anna, alex, ...visitors].forEach((c) => c.close());
  },
);

it('brings a message committed on one hub while Redis is down to a rep on another, with nothing after it to wake them', async () => {
  const anna = await repActor(cluster().hub(1), 'anna@demo.parley.test');
  const visitor = await visitorActor(cluster().hub(3));
  const id = await visitor.say('before');
  expect((await anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
  await cluster().cluster.redis.stop();
  try {
    const clientId = randomUUID();
    visitor.socket.send({ type: 'send', clientId, text: 'while Redis is down', pageUrl: 'https://shop.example/' });
    const got = await anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.clientId === clientId,
      10_000,
    );
    expect(got.event.message.text).toBe('while Redis is down');
  } finally {
    await cluster().cluster.redis.start();
  }
  // Back: a wake-up crosses hubs again at once.
  const after = randomUUID();
  visitor.socket.send({ type: 'send', clientId: after, text: 'after', pageUrl: 'https://shop.example/' });
  await anna.socket.next(
    (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.clientId === after,
    10_000,
  );
  anna.close();
  visitor.close();
});
