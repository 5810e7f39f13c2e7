import fc from 'fast-check';
import type { AnalyticsQuery } from '#protocol';
import type { Db, Sql } from '#hub/storage/db';

/**
 * Random analytics histories for the rollup property test (analytics-rollups.test.ts): conversations
 * opened near the edges that matter — midnights and the clock changes in Europe/Rome, UTC midnights,
 * the turn of a month and a year, Kolkata's half-hour midnight — with every outcome, facts, bot
 * runs and leads, then later changes (transfers, closes, a rep taking over, deletions) in random
 * transactions; and the queries to ask of them. Written straight into the hub's tables.
 */
type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

export const REPS = ['r1', 'r2', 'r3'];
const QUEUES = ['q_a1', 'q_a2', 'q_b1'];

/** Instants (UTC) around which conversations are opened. */
const ANCHORS = [
  '2026-03-28T23:00:00Z', // Rome midnight before spring forward
  '2026-03-29T01:00:00Z', // Rome 02:00 → 03:00
  '2026-03-29T22:00:00Z', // Rome midnight after it
  '2026-10-24T22:00:00Z', // Rome midnight before fall back
  '2026-10-25T01:00:00Z', // Rome 03:00 → 02:00
  '2026-10-25T23:00:00Z', // Rome midnight after it
  '2025-12-31T23:00:00Z', // Rome new year
  '2026-01-01T00:00:00Z', // UTC new year
  '2026-02-28T23:00:00Z', // Rome 1 March
  '2026-06-14T18:30:00Z', // Kolkata midnight
].map((iso) => Date.parse(iso));

const rep = fc.constantFrom(...REPS);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const conversation = fc.record({
  opened: fc.tuple(
    fc.constantFrom(...ANCHORS),
    fc.oneof(fc.integer({ min: -120_000, max: 120_000 }), fc.integer({ min: -11_000_000, max: 11_000_000 })),
  ),
  chat: fc.constantFrom('ch_a', 'ch_b'),
  queue: maybe(fc.constantFrom(...QUEUES)),
  channel: fc.constantFrom('web', 'whatsapp'),
  status: fc.constantFrom('pending', 'active', 'closed', 'archived', 'abandoned'),
  /** ms after opening that a rep joined (fractions of a second on purpose), and who. */
  joined: maybe(fc.tuple(fc.integer({ min: 0, max: 200_000 }), rep)),
  owner: maybe(rep),
  closedAfterMs: maybe(fc.integer({ min: 0, max: 4_000_000 })),
  missed: fc.boolean(),
  facts: fc.array(fc.tuple(fc.constantFrom('transferred', 'offer_lapsed'), maybe(rep)), { maxLength: 3 }),
  bot: maybe(
    fc.record({
      outcome: maybe(fc.constantFrom('customer', 'channel', 'lead', 'person')),
      done: fc.boolean(),
      lead: fc.boolean(),
    }),
  ),
  leads: fc.array(maybe(rep), { maxLength: 2 }),
});
export type Conversation = Of<typeof conversation>;

/** A later change to conversation `i % count`. */
const change = fc.tuple(
  fc.nat(),
  fc.constantFrom('delete', 'transfer', 'take', 'close', 'drop-facts', 'drop-leads', 'drop-bot', 'leads-unowned'),
  fc.constantFrom(...QUEUES),
  rep,
);
export type Change = Of<typeof change>;

export const history = fc.record({
  conversations: fc.array(conversation, { minLength: 1, maxLength: 14 }),
  /** Changes, in transactions of one or more. */
  changes: fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
});

const RANGES: Array<[string, string]> = [
  ['2026-03-28', '2026-03-29'],
  ['2026-03-29', '2026-03-29'],
  ['2026-10-24', '2026-10-26'],
  ['2025-12-31', '2026-01-01'],
  ['2025-12-15', '2026-03-31'],
  ['2026-01-01', '2026-12-31'],
  ['2026-02-01', '2026-02-28'],
  ['2026-06-14', '2026-06-15'],
];
export const query: fc.Arbitrary<AnalyticsQuery> = fc
  .record({
    range: fc.constantFrom(...RANGES),
    tz: fc.constantFrom('Europe/Rome', 'UTC', 'Asia/Kolkata', 'America/New_York'),
    filter: fc.constantFrom<Array<[keyof AnalyticsQuery, string] | null>>(
      null,
      ['chatId', 'ch_a'],
      ['queueId', 'q_a2'],
      ['channel', 'whatsapp'],
      ['repId', 'r2'],
    ),
  })
  .map(({ range: [from, to], tz, filter }) => ({ from, to, tz, ...(filter ? { [filter[0]]: filter[1] } : {}) }));

/** The zones the chats' business hours name, so their local days are kept (migration 0027); UTC and New York are not. */
export const KEPT_ZONES = ['Asia/Kolkata', 'Europe/Rome'];

export async function writeBase(db: Sql): Promise<void> {
  await db.query(
    `insert into chats (id, key, name, hours) values ('ch_a', 'a', 'Shop A', $1), ('ch_b', 'b', 'Shop B', $2)`,
    KEPT_ZONES.map((timezone) => ({ timezone, weekly: { mon: [{ from: '09:00', to: '18:00' }] } })),
  );
  await db.query(
    `insert into queues (id, chat_id, name) values ('q_a1', 'ch_a', 'Sales'), ('q_a2', 'ch_a', 'Support'), ('q_b1', 'ch_b', 'Help')`,
  );
  await db.query(
    `insert into reps (id, email, name, role, password_hash) select id, id || '@t.test', 'Rep ' || id, 'rep', 'x' from unnest($1::text[]) id`,
    [REPS],
  );
}

export async function writeHistory(db: Sql, conversations: Conversation[]): Promise<void> {
  for (const [i, c] of conversations.entries()) {
    const id = `c${i}`;
    const opened = c.opened[0] + c.opened[1] * 1000 + (i % 7) * 13;
    const at = (ms: number | null) => (ms === null ? null : new Date(opened + ms).toISOString());
    const joinedMs = c.joined?.[0] ?? null;
    await db.query('insert into visitors (id, chat_id) values ($1, $2)', [`v${i}`, c.chat]);
    await db.query(
      `insert into conversations (id, chat_id, visitor_id, channel, status, queue_id, owner_id, created_at, last_message_at,
                                  first_rep_at, first_rep_id, closed_at, missed_at, missed_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13)`,
      [
        id,
        c.chat,
        `v${i}`,
        c.channel,
        c.status,
        c.queue,
        c.owner,
        at(0),
        at(joinedMs),
        c.joined?.[1] ?? null,
        c.closedAfterMs === null ? null : at((joinedMs ?? 0) + c.closedAfterMs),
        c.missed ? at(30_000) : null,
        c.missed ? 'left' : null,
      ],
    );
    for (const [kind, by] of c.facts)
      await db.query(`insert into conversation_facts (conversation_id, kind, rep_id, at) values ($1, $2, $3, $4)`, [
        id,
        kind,
        by,
        at(60_000),
      ]);
    if (c.bot)
      await db.query(
        `insert into bot_runs (conversation_id, chat_id, lang, state, lead_id) values ($1, $2, 'en', $3, $4)`,
        [
          id,
          c.chat,
          { step: c.bot.done ? 'done' : 'asking', ...(c.bot.outcome ? { outcome: c.bot.outcome } : {}) },
          c.bot.lead ? `lead_${id}` : null,
        ],
      );
    for (const [j, by] of c.leads.entries())
      await db.query(
        `insert into crm_contacts (id, kind, name, source, source_conversation_id, created_by, created_at)
         values ($1, 'lead', 'Lead', 'chat', $2, $3, $4)`,
        [`k${i}_${j}`, id, by, at(600_000)],
      );
  }
}

type Statement = [string, unknown[]];
const CHANGES: Record<Change[1], (id: string, queue: string, who: string) => Statement> = {
  delete: (id) => [`delete from conversations where id = $1`, [id]],
  transfer: (id, queue) => [`update conversations set queue_id = $2 where id = $1`, [id, queue]],
  take: (id, _queue, who) => [
    `update conversations set owner_id = $2, status = 'active', first_rep_id = coalesce(first_rep_id, $2),
       first_rep_at = coalesce(first_rep_at, created_at + interval '90.5 seconds') where id = $1`,
    [id, who],
  ],
  close: (id) => [
    `update conversations set status = 'closed', closed_at = coalesce(first_rep_at, created_at) + interval '700 seconds' where id = $1`,
    [id],
  ],
  'drop-facts': (id) => [`delete from conversation_facts where conversation_id = $1`, [id]],
  'drop-leads': (id) => [`delete from crm_contacts where source_conversation_id = $1`, [id]],
  'drop-bot': (id) => [`delete from bot_runs where conversation_id = $1`, [id]],
  'leads-unowned': (id) => [`update crm_contacts set created_by = null where source_conversation_id = $1`, [id]],
};

export async function applyChanges(tx: Sql, count: number, changes: Change[]): Promise<void> {
  for (const [i, kind, queue, who] of changes) await tx.query(...CHANGES[kind](`c${i % count}`, queue, who));
}

/** Empties the conversations, then writes `h` and applies its changes, each group in one transaction. */
export async function replayHistory(db: Db, h: Of<typeof history>): Promise<void> {
  await db.query('delete from crm_contacts');
  await db.query('delete from conversations');
  await db.query('delete from visitors');
  await writeHistory(db, h.conversations);
  for (const changes of h.changes) await db.transaction((tx) => applyChanges(tx, h.conversations.length, changes));
}

/** Rollup rows that differ from what the stored rows give when summed afresh (zero rows aside). */
export const DRIFT = `
  with fresh as (
    select e.cuboid, b.span, b.start, e.key, e.measure, e.seconds, sum(e.n)::int as n
      from analytics_line_source s
     cross join lateral analytics_entries(row(s.*)::analytics_lines) e
     cross join lateral analytics_buckets(s.created_at) b
     where b.span <> 'hour' or e.measure = 'conversations'
     group by 1, 2, 3, 4, 5, 6),
  kept as (select cuboid, span, start, key, measure, seconds, n from analytics_rollups where n <> 0)
  (select 'missing' as drift, * from fresh except select 'missing', * from kept)
  union all
  (select 'extra', * from kept except select 'extra', * from fresh)
  union all
  (select 'line', s.conversation_id, null, null, null, null, null, null from
     ((select * from analytics_line_source except select * from analytics_lines)
      union all (select * from analytics_lines except select * from analytics_line_source)) s)`;

/** Local-day rollup rows (migration 0027) that differ from the stored rows' lines summed afresh per kept zone. */
export const LOCAL_DRIFT = `
  with fresh as (
    select z.tz, e.cuboid, e.key, (s.created_at at time zone z.tz)::date as day, e.measure, e.seconds, sum(e.n)::int as n
      from analytics_zones z cross join analytics_line_source s
     cross join lateral analytics_entries(row(s.*)::analytics_lines) e
     where not starts_with(e.measure, 'part_')
     group by 1, 2, 3, 4, 5, 6
    having sum(e.n) <> 0),
  kept as (select tz, cuboid, key, day, measure, seconds, n from analytics_local_days where n <> 0)
  (select 'missing' as drift, * from fresh except select 'missing', * from kept)
  union all
  (select 'extra', * from kept except select 'extra', * from fresh)`;
