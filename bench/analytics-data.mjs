// A year of a busy shop for the analytics bench: N conversations over 2025 in 3 chats, 6 queues,
// 40 reps, 4 channels, generated inside PostgreSQL with generate_series (a million rows in well
// under a minute; nothing crosses the wire). The shares are rough, chosen to exercise every figure:
// 84% answered (wait ~40 s, handling 5–30 min), 6% abandoned, 6% missed (half of them answered
// later), 4% waiting; a bot run on 20%, a transfer on 5%, a lapsed offer on 15%, a lead from 3%.

/** Statements in order; `$1` is N. */
const STEPS = [
  // open 8:00–20:00 on weekdays in Rome, the zone the bench reads in (so its local days are kept, migration 0027)
  `insert into chats (id, key, name, hours) select 'ch' || i, 'bench-' || i, 'Chat ' || i,
          jsonb_build_object('timezone', 'Europe/Rome', 'weekly', (select jsonb_object_agg(d, jsonb_build_array(
            jsonb_build_object('from', '08:00', 'to', '20:00'))) from unnest(array['mon', 'tue', 'wed', 'thu', 'fri']) d))
     from generate_series(1, 3) i`,
  `insert into queues (id, chat_id, name) select 'q' || i, 'ch' || ((i - 1) / 2 + 1), 'Queue ' || i from generate_series(1, 6) i`,
  `insert into reps (id, email, name, role, password_hash) select 'r' || i, 'r' || i || '@bench.test', 'Rep ' || lpad(i::text, 2, '0'), 'rep', 'x' from generate_series(1, 40) i`,
  `insert into queue_members (queue_id, rep_id) select 'q' || (i % 6 + 1), 'r' || i from generate_series(1, 40) i`,
  `insert into visitors (id, chat_id) select 'v' || g, 'ch' || (g % 3 + 1) from generate_series(1, $1::int) g`,
  `insert into conversations (id, chat_id, visitor_id, channel, status, queue_id, owner_id, created_at, last_message_at,
                              first_rep_at, first_rep_id, closed_at, closed_reason, missed_at, missed_reason)
   select 'c' || lpad(g::text, 8, '0'), 'ch' || (g % 3 + 1), 'v' || g, (array['web', 'web', 'web', 'whatsapp', 'messenger', 'sms'])[1 + g % 6],
          case when o < 0.06 then 'abandoned' when o < 0.12 then (case when o < 0.09 then 'closed' else 'pending' end)
               when o < 0.16 then 'pending' when o < 0.9 then 'closed' when o < 0.98 then 'archived' else 'active' end,
          'q' || ((g % 3) * 2 + 1 + (g / 7) % 2),
          case when o >= 0.16 or (o >= 0.06 and o < 0.09) then 'r' || rep end,
          t0, t0,
          case when o >= 0.16 then t0 + w * interval '1 second' when o >= 0.06 and o < 0.09 then t0 + interval '3 hours' end,
          case when o >= 0.16 or (o >= 0.06 and o < 0.09) then 'r' || rep end,
          case when o < 0.06 then t0 + interval '5 minutes' when o < 0.09 then t0 + interval '3 hours' + h * interval '1 second'
               when o >= 0.16 and o < 0.98 then t0 + w * interval '1 second' + h * interval '1 second' end,
          case when o >= 0.06 and o < 0.09 then 'ended' when o >= 0.16 and o < 0.9 then 'ended' when o >= 0.9 and o < 0.98 then 'handled' end,
          case when o >= 0.06 and o < 0.12 then t0 + interval '2 minutes' end,
          case when o >= 0.06 and o < 0.12 then 'left' end
     from (select g, timestamptz '2025-01-01 00:00+00' + (g::float8 / $1::int) * interval '365 days' + random() * interval '10 minutes' as t0,
                  random() as o, -ln(1 - random()) * 40 as w, 300 + random() * 1500 as h, 1 + floor(random() * 40)::int as rep
             from generate_series(1, $1::int) g) x`,
  `insert into conversation_facts (conversation_id, kind, rep_id, by_rep_id, to_rep_id, at)
   select id, 'transferred', first_rep_id, first_rep_id, 'r' || (1 + floor(random() * 40)::int), first_rep_at + interval '1 minute'
     from conversations where first_rep_id is not null and random() < 0.05`,
  `insert into conversation_facts (conversation_id, kind, rep_id, at)
   select id, 'offer_lapsed', 'r' || (1 + floor(random() * 40)::int), created_at + interval '30 seconds' from conversations where random() < 0.15`,
  `insert into bot_runs (conversation_id, chat_id, lang, state)
   select id, chat_id, 'en', jsonb_build_object('step', 'done', 'outcome', (array['customer', 'channel', 'lead', 'person'])[1 + floor(random() * 4)::int])
     from conversations where random() < 0.2`,
  `insert into crm_contacts (id, kind, name, email, source, source_conversation_id, created_by, created_at)
   select 'k' || id, 'lead', 'Lead ' || id, id || '@lead.test', 'chat', id, first_rep_id, created_at + interval '10 minutes'
     from conversations where first_rep_id is not null and random() < 0.03`,
];

/** The rollups' triggers (migration 0024), off while a year is loaded in bulk; the rollups are then rebuilt at once. */
const TRIGGERS = [
  ['conversations', 'analytics_conversations'],
  ['conversation_facts', 'analytics_facts'],
  ['bot_runs', 'analytics_bot_runs'],
  ['crm_contacts', 'analytics_contacts'],
];

/** Fills an empty, migrated database; returns the seconds it took to load and to rebuild the rollups. */
export async function generateYear(client, n) {
  const t0 = performance.now();
  for (const [table, trigger] of TRIGGERS) await client.query(`alter table ${table} disable trigger ${trigger}`);
  await client.query('select setseed(0.42)');
  for (const sql of STEPS) await client.query(sql, sql.includes('$1') ? [n] : []);
  const t1 = performance.now();
  await client.query('select analytics_rebuild()');
  for (const [table, trigger] of TRIGGERS) await client.query(`alter table ${table} enable trigger ${trigger}`);
  await client.query('vacuum analyze');
  return { generateS: (t1 - t0) / 1000, rollupS: (performance.now() - t1) / 1000 };
}
