import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { DRIFT, REPS, writeBase } from './analytics-history';

const REP = REPS[0]!;
import { openTestDb } from './support';

/**
 * The rollups under concurrent writers on PostgreSQL (issue 17). Each commit re-counts its changed
 * conversations into shared rollup rows (this month's, this year's), one conversation after another.
 * Two commits re-counting conversations of each other's days used to lock those rows in crossing
 * orders — the first holds day 1 and the month and wants day 2, the second holds day 2 and wants the
 * month — and PostgreSQL killed one as a deadlock. The refresh now queues commits on one lock before
 * any rollup row, so both go through and the rollups stay equal to a fresh sum. (PGlite has one
 * connection, so no two of its commits ever overlap.)
 */
let db: Db;
beforeAll(async () => {
  db = await openTestDb('postgres');
  await migrate(db);
  await writeBase(db);
  // A and C opened on the 2nd, B and D on the 3rd of the same month: every refresh shares the month and year rows.
  const opened = {
    A: '2026-03-02T10:00:00Z',
    B: '2026-03-03T10:00:00Z',
    C: '2026-03-02T11:00:00Z',
    D: '2026-03-03T11:00:00Z',
  };
  for (const [id, at] of Object.entries(opened)) {
    await db.query(`insert into visitors (id, chat_id) values ($1, 'ch_a')`, [`v${id}`]);
    await db.query(
      `insert into conversations (id, chat_id, visitor_id, channel, status, queue_id, created_at, last_message_at)
       values ($1, 'ch_a', $2, 'web', 'pending', 'q_a1', $3, $3)`,
      [id, `v${id}`, at],
    );
  }
}, 120_000);
afterAll(() => db?.close());

/** A rep answers: the conversation moves from unanswered to answered in every rollup it counts in. */
const answer = `update conversations set status = 'active', owner_id = $2, first_rep_id = $2,
                 first_rep_at = created_at + interval '1 minute' where id = $1`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('two commits re-counting conversations of each other’s days both go through, and the rollups stay exact', async () => {
  let firstCounted!: () => void;
  const counted = new Promise<void>((r) => (firstCounted = r));
  // Deferred triggers run at commit; `set constraints all immediate` runs them now, to order the two.
  const first = db.transaction(async (tx) => {
    await tx.query(answer, ['A', REP]);
    await tx.query('set constraints all immediate'); // A counted: day 2, the month, the year held
    firstCounted();
    await sleep(400); // the second commit is now counting B (day 3), waiting for what this one holds
    await tx.query(answer, ['D', REP]);
    await tx.query('set constraints all immediate'); // D: day 3
  });
  await counted;
  const second = db.transaction(async (tx) => {
    await tx.query(answer, ['B', REP]);
    await tx.query('set constraints all immediate');
    await tx.query(answer, ['C', REP]);
  });
  const outcomes = await Promise.allSettled([first, second]);
  expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'committed'))).toEqual([
    'committed',
    'committed',
  ]);
  const [{ closed: answered }] = await db.query<{ closed: number }>(
    `select count(*)::int as closed from conversations where status = 'active'`,
  );
  expect(answered).toBe(4);
  expect(await db.query(DRIFT)).toEqual([]);
}, 60_000);
