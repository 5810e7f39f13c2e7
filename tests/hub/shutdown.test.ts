import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_GOING_AWAY } from '#protocol';
import { seedDemo } from '#hub/demo/seed';
import { startHub, type Hub } from '#hub/server';
import type { Db } from '#hub/storage/db';
import { repActor, visitorActor } from './actors';
import { openTestDb } from './support';

/**
 * A stopping hub (hub.close(), what SIGTERM runs): it stops taking frames, lets each socket finish
 * the command it was running — the client gets its answer — then closes it with 1001 so the client
 * reconnects at once. (hub-process.test.ts checks the same through a real SIGTERM.)
 */
let db: Db;
let hub: Hub;
let holdWrites: (() => { reached: Promise<void>; release: () => void }) | null = null;
beforeAll(async () => {
  db = await openTestDb('pglite');
  let gate: { reach: () => void; passed: Promise<void> } | null = null;
  holdWrites = () => {
    let reach!: () => void;
    let release!: () => void;
    const reached = new Promise<void>((r) => (reach = r));
    gate = { reach, passed: new Promise<void>((r) => (release = r)) };
    return { reached, release };
  };
  // The next write transaction waits until the test releases it, as on a loaded database.
  const gated: Db = {
    ...db,
    async transaction(fn) {
      const g = gate;
      gate = null;
      if (g) {
        g.reach();
        await g.passed;
      }
      return db.transaction(fn);
    },
  };
  hub = await startHub({ db: gated, port: 0 });
  await seedDemo(db);
});
afterAll(() => db.close());

describe('a stopping hub', () => {
  it('answers the command a socket was running, drops frames sent after, and closes every socket with 1001', async () => {
    const rep = await repActor(hub, 'anna@demo.parley.test');
    const visitor = await visitorActor(hub);
    const held = holdWrites!();
    const first = randomUUID();
    visitor.socket.send({
      type: 'send',
      clientId: first,
      text: 'sent before the stop',
      pageUrl: 'https://shop.example/',
    });
    await held.reached;
    const stopped = hub.close();
    await new Promise((r) => setTimeout(r, 100));
    const late = randomUUID();
    visitor.socket.send({
      type: 'send',
      clientId: late,
      text: 'sent while stopping',
      pageUrl: 'https://shop.example/',
    });
    held.release();
    expect(await visitor.socket.next((f) => f.type === 'ack')).toMatchObject({ clientId: first });
    expect(await visitor.socket.closed).toBe(CLOSE_GOING_AWAY);
    expect(await rep.socket.closed).toBe(CLOSE_GOING_AWAY);
    await stopped;
    expect(visitor.socket.frames.filter((f) => f.type === 'ack' || f.type === 'error')).toEqual([]);
    const stored = await db.query<{ client_id: string }>('select client_id from messages where client_id = any($1)', [
      [first, late],
    ]);
    expect(stored.map((m) => m.client_id)).toEqual([first]);
  });

  it('refuses new connections once stopped', async () => {
    await expect(fetch(`${hub.url}/api/health`)).rejects.toThrow();
  });
});
