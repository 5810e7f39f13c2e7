import type { Sql } from '../storage/db';

/**
 * The log's watermark (issue 16): the highest event id below which every id is final — committed
 * and visible, or rolled back for good. Writers do not queue behind one lock (log.ts), so ids are
 * drawn in one order and committed in another: id 7 may be visible while id 5 is still open. A
 * reader that delivered 7 and moved its cursor past it would never see 5. So readers deliver only
 * up to the watermark, and a client resuming "after id N" (N at most a watermark) misses nothing.
 *
 * How it is found, without any lock:
 * 1. read the id sequence's last value L: every id up to L has been drawn;
 * 2. then read the next transaction id N (without taking one): every writer holding an id up to L
 *    took its transaction id before drawing it (log.ts, ENTER_LOG), so its transaction id is below N;
 * 3. once a later snapshot's xmin reaches N, every transaction below N has ended, so every id up to
 *    L is final: L is the watermark.
 * Step 3 usually holds at once; while a writer that started before step 2 is still open it does
 * not, and the checkpoint (L, N) waits for a later look (feed.ts looks again on the next wake-up or
 * after LOG_LIMITS.feedRecheckMs). Any transaction open on the database holds the watermark back
 * while it runs, so the hub keeps its transactions short. PGlite runs a query only while no
 * transaction is open (one connection, one thing at a time), so there every id drawn is final
 * whenever a reader runs: the watermark is unbounded (`EVERY_ID`) and no query is needed (`serial`).
 */

/** The watermark of a serial database: any id a reader can see is final, so a read needs no bound. */
export const EVERY_ID = Number.MAX_SAFE_INTEGER;

type Checkpoint = { head: number; nextXid: bigint };

export interface Watermark {
  /** Looks again; resolves with the highest id now known final, and whether a higher one waits. */
  advance(): Promise<{ safe: number; pending: boolean }>;
}

/** The id sequence's last value drawn (0 before the first). */
export async function drawnHead(db: Sql): Promise<number> {
  const [row] = await db.query<{ head: string }>(
    'select (case when is_called then last_value else 0 end)::text as head from events_id_seq',
  );
  return Number(row.head);
}

/**
 * The next transaction id to be assigned, without assigning one: xmax of the current snapshot plus
 * age() of it, which PostgreSQL counts from the next transaction id when the caller has none.
 */
async function nextXid(db: Sql): Promise<bigint> {
  const [row] = await db.query<{ xmax: string; age: number }>(
    'select pg_snapshot_xmax(s)::text as xmax, age(pg_snapshot_xmax(s)::xid) as age from pg_current_snapshot() s',
  );
  return BigInt(row.xmax) + BigInt(row.age);
}

async function oldestOpenXid(db: Sql): Promise<bigint> {
  const [row] = await db.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
  return BigInt(row.xmin);
}

export function createWatermark(db: Sql, start = 0, serial = false): Watermark {
  let safe = start;
  let waiting: Checkpoint[] = [];
  return {
    async advance() {
      if (serial) return { safe: EVERY_ID, pending: false };
      const head = await drawnHead(db);
      // A later checkpoint of the same head is never settled sooner than the earlier one.
      if (head > Math.max(safe, waiting.at(-1)?.head ?? 0)) waiting.push({ head, nextXid: await nextXid(db) });
      if (waiting.length > 0) {
        const xmin = await oldestOpenXid(db);
        for (const c of waiting) if (c.nextXid <= xmin) safe = Math.max(safe, c.head);
        waiting = waiting.filter((c) => c.head > safe);
      }
      return { safe, pending: waiting.length > 0 };
    },
  };
}

/** The watermark as it stands now, waiting for writers already open: where a new feed starts. */
export async function settledWatermark(db: Sql, recheckMs: number, serial = false): Promise<number> {
  if (serial) return drawnHead(db);
  const mark = createWatermark(db, 0, serial);
  for (;;) {
    const { safe, pending } = await mark.advance();
    if (!pending) return safe;
    await new Promise((r) => setTimeout(r, recheckMs));
  }
}
