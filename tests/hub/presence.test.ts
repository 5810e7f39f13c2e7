import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { startHub, type Hub } from '#hub/server';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { BACKENDS, connect, loginAs, openTestDb, wsUrl } from './support';
import { seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';

/**
 * Presence (FEATURES A5) when a rep's sockets overlap: a reconnecting worker opens its new socket while
 * the hub may still be closing the old one, or still be reading the old one's hello. Whatever order
 * the hub sees those in, the rep is online while a socket of theirs is, and offline once none is.
 */
const GRACE_MS = 200;
/** Long enough past the grace period for a wrongly started timer to have fired. */
const PAST_GRACE_MS = GRACE_MS * 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when `gate` is reached; `release` lets it on. */
function makeGate() {
  let reached!: () => void;
  let release!: () => void;
  return {
    reached: new Promise<void>((r) => (reached = r)),
    passed: new Promise<void>((r) => (release = r)),
    reach: () => reached(),
    release: () => release(),
  };
}
type Gate = ReturnType<typeof makeGate>;

/**
 * The hub's database with two holds the test can arm: the next read of a rep's chats (a hello's
 * first step after the token) and the next write transaction (presence recording a status). Each
 * waits until released, as on a loaded hub, so the test decides what happens meanwhile.
 */
function gatedDb(db: Db) {
  let chatsRead: Gate | null = null;
  let write: Gate | null = null;
  const statusReads = new Set<() => void>();
  const gated: Db = {
    ...db,
    async query(text, params) {
      if (chatsRead && text.includes('from queue_members m join queues q')) {
        const gate = chatsRead;
        chatsRead = null;
        gate.reach();
        await gate.passed;
      }
      if (text.startsWith('select status from reps')) statusReads.forEach((seen) => seen());
      return db.query(text, params);
    },
    async transaction(fn) {
      if (write) {
        const gate = write;
        write = null;
        gate.reach();
        await gate.passed;
      }
      return db.transaction(fn);
    },
  };
  return {
    db: gated,
    holdChatsRead: () => (chatsRead = makeGate()),
    holdWrite: () => (write = makeGate()),
    /** Resolves at the next presence read of a rep's status. */
    statusRead: () =>
      new Promise<void>((resolve) =>
        statusReads.add(function seen() {
          statusReads.delete(seen);
          resolve();
        }),
      ),
  };
}

describe.each(BACKENDS)('on %s', (backend) => {
  let db: Db;
  let hub: Hub;
  let gate: ReturnType<typeof gatedDb>;
  beforeAll(async () => {
    db = await openTestDb(backend);
    gate = gatedDb(db);
    hub = await startHub({ db: gate.db, port: 0, presenceGraceMs: GRACE_MS });
    await seedDemo(db);
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  const open: RepActor[] = [];
  beforeEach(async () => {
    await Promise.all(open.splice(0).map((r) => (r.close(), r.socket.closed)));
    await eventually(
      async () => expect(await db.query(`select id from reps where status <> 'offline'`)).toEqual([]),
      10_000,
    );
    await db.query(`update conversations set status = 'closed', offered_to = '{}', closed_reason = 'handled'`);
  });
  const statusOf = async (repId: string) =>
    (await db.query<{ status: string }>('select status from reps where id = $1', [repId]))[0].status;
  async function anna(): Promise<RepActor> {
    const actor = await repActor(hub, 'anna@demo.parley.test');
    open.push(actor);
    return actor;
  }
  /** A new pending chat reaches this socket as an offer, and the hub offered it to Anna. */
  async function expectOffered(rep: RepActor) {
    const id = await (await visitorActor(hub)).say('Anyone there?');
    const [row] = await db.query<{ offered_to: string[] }>('select offered_to from conversations where id = $1', [id]);
    expect(row.offered_to).toContain('r_anna');
    await eventually(() => expect(rep.seen(id)).toMatchObject({ folder: 'pending', access: 'offered' }));
  }

  it('a new socket connected before the old one closes keeps the rep online and offered chats', async () => {
    const old = await anna();
    const fresh = await anna();
    old.close();
    await old.socket.closed;
    await sleep(PAST_GRACE_MS);
    expect(await statusOf('r_anna')).toBe('online');
    await expectOffered(fresh);
  });

  it('an old socket that closes while its hello is still being read neither sets the rep offline nor keeps them online', async () => {
    const { body } = await loginAs(hub.url, 'anna@demo.parley.test');
    const old = await connect(wsUrl(hub.url, '/ws/rep'));
    const slowHello = gate.holdChatsRead();
    old.send({ type: 'hello', v: PROTOCOL_VERSION, token: body.token, lastEventId: 0 });
    await slowHello.reached;
    // The worker gave up on the slow socket and connected again; the hub sees the old one close now.
    const fresh = await anna();
    old.close();
    await old.closed;
    await sleep(PAST_GRACE_MS);
    expect(await statusOf('r_anna')).toBe('online');
    await expectOffered(fresh);

    // The old hello finishes reading after its socket is gone: it must leave nothing behind, so
    // when the new socket goes, so does the rep.
    slowHello.release();
    await sleep(PAST_GRACE_MS);
    expect(await statusOf('r_anna')).toBe('online');
    fresh.close();
    await fresh.socket.closed;
    await eventually(async () => expect(await statusOf('r_anna')).toBe('offline'), 10_000);
  });

  it('a socket arriving while the hub is recording the rep offline leaves them online', async () => {
    const old = await anna();
    const offlineWrite = gate.holdWrite();
    old.close();
    // The grace period ran out and the offline write is under way, but not yet committed.
    await offlineWrite.reached;
    const statusRead = gate.statusRead();
    const freshSocket = anna();
    // Let the new socket read Anna's status now if the hub would (before the write), or give up.
    await Promise.race([statusRead, sleep(PAST_GRACE_MS)]);
    offlineWrite.release();
    const fresh = await freshSocket;
    await eventually(async () => expect(await statusOf('r_anna')).toBe('online'));
    await sleep(PAST_GRACE_MS);
    expect(await statusOf('r_anna')).toBe('online');
    await expectOffered(fresh);
  });
});
