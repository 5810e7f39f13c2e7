-- Analytics rollups (FEATURES H4, issue 17): a year of figures answered from summed rows instead of a
-- million conversations. Two tables, kept by deferred triggers in the transaction that changes a
-- conversation, its facts, its leads or its bot run, and back-filled here from what is stored:
--   analytics_lines   — one row per conversation: what every figure needs of it, already joined
--                       (the definitions of hub/src/analytics/scope.ts, as SQL here);
--   analytics_rollups — the sum of the lines' entries per UTC hour, day, month and year, for everyone
--                       ('all'), per chat, queue, channel and rep: counts, and whole-second histograms
--                       (measure 'wait', 'handling', 'part_wait', 'part_handling': `seconds` is the time,
--                       `n` how many took it) so percentiles come out exact. Hours hold only the count of
--                       conversations (the hours-of-the-week figure). Reads: hub/src/analytics/rollup-*.ts.
create table analytics_lines (
  conversation_id text primary key,
  created_at timestamptz not null,
  chat_id text not null,
  -- '' when the conversation is in no queue (held by the bot)
  queue_id text not null,
  channel text not null,
  outcome text not null,
  wait_s int,
  handling_s int,
  first_rep_id text,
  owner_id text,
  transfers int not null,
  lapsed int not null,
  leads int not null,
  bot boolean not null,
  bot_outcome text,
  bot_lead boolean not null,
  bot_unfinished boolean not null,
  -- per rep: [transfers away from them, their lapsed offers, their leads]
  parts jsonb not null
);
create index analytics_lines_created on analytics_lines (created_at);

create table analytics_rollups (
  cuboid text not null check (cuboid in ('all', 'chat', 'queue', 'channel', 'rep')),
  span text not null check (span in ('hour', 'day', 'month', 'year')),
  start timestamptz not null,
  key text not null,
  measure text not null,
  -- the time in whole seconds for a histogram's measure; 0 for a count
  seconds int not null,
  n int not null,
  -- n in the index too: a report's read is an index-only scan, not a heap page per row
  primary key (cuboid, span, start, key, measure, seconds) include (n)
);

-- The line of each conversation as the stored rows say now.
create view analytics_line_source as
select c.id as conversation_id, c.created_at, c.chat_id, coalesce(c.queue_id, '') as queue_id, c.channel,
       case when c.status = 'abandoned' then 'abandoned' when c.missed_at is not null then 'missed'
            when c.first_rep_at is not null then 'answered' else 'unanswered' end as outcome,
       case when c.status <> 'abandoned' and c.missed_at is null and c.first_rep_at is not null
            then floor(extract(epoch from c.first_rep_at - c.created_at))::int end as wait_s,
       case when c.status in ('closed', 'archived') and c.first_rep_at is not null and c.closed_at is not null
            then floor(extract(epoch from c.closed_at - c.first_rep_at))::int end as handling_s,
       c.first_rep_id, c.owner_id,
       f.transfers, f.lapsed, k.leads,
       b.conversation_id is not null as bot, b.state->>'outcome' as bot_outcome, b.lead_id is not null as bot_lead,
       coalesce(b.state->>'step' <> 'done', false) as bot_unfinished,
       coalesce(p.parts, '{}'::jsonb) as parts
  from conversations c
  left join bot_runs b on b.conversation_id = c.id
  cross join lateral (select count(*) filter (where kind = 'transferred')::int as transfers,
                             count(*) filter (where kind = 'offer_lapsed')::int as lapsed
                        from conversation_facts where conversation_id = c.id) f
  cross join lateral (select count(*)::int as leads from crm_contacts where source = 'chat' and source_conversation_id = c.id) k
  cross join lateral (
    select jsonb_object_agg(rep, jsonb_build_array(t, l, k)) as parts
      from (select rep, sum(t)::int as t, sum(l)::int as l, sum(k)::int as k
              from (select rep_id as rep, (kind = 'transferred')::int as t, (kind = 'offer_lapsed')::int as l, 0 as k
                      from conversation_facts where conversation_id = c.id and rep_id is not null
                    union all
                    select created_by, 0, 0, 1 from crm_contacts
                     where source = 'chat' and source_conversation_id = c.id and created_by is not null) x
             group by rep) y) p;

-- A line's counts and times, as (measure, seconds, n): what it adds for everyone, its chat, queue and
-- channel; one plain select, so the planner inlines it (a report's edges make entries of many lines).
create function analytics_measures(l analytics_lines)
returns table (measure text, seconds int, n int)
language sql immutable as $$
  select v.measure, v.seconds, v.n
    from (values
      ('conversations', 0, 1), (l.outcome, 0, 1), ('wait', l.wait_s, 1),
      ('handled', 0, (l.handling_s is not null)::int), ('handling', l.handling_s, 1),
      ('bot_started', 0, l.bot::int), ('bot_customer', 0, (l.bot_outcome = 'customer')::int),
      ('bot_channel', 0, (l.bot_outcome = 'channel')::int), ('bot_qualified', 0, (l.bot_outcome = 'lead')::int),
      ('bot_lead', 0, (l.bot and l.bot_lead)::int), ('bot_person', 0, (l.bot_outcome = 'person')::int),
      ('bot_unfinished', 0, (l.bot and l.bot_unfinished)::int),
      ('transfers', 0, l.transfers), ('lapsed', 0, l.lapsed), ('leads', 0, l.leads)) v(measure, seconds, n)
   where v.seconds is not null and v.n <> 0
$$;

-- What one line adds per cuboid other than reps: the same measures under everyone, its chat, queue and channel.
create function analytics_group_entries(l analytics_lines)
returns table (cuboid text, key text, measure text, seconds int, n int)
language sql immutable as $$
  select k.cuboid, k.key, m.measure, m.seconds, m.n
    from (values ('all', ''), ('chat', l.chat_id), ('queue', l.queue_id), ('channel', l.channel)) k(cuboid, key)
   cross join analytics_measures(l) m
$$;

-- What one line adds under each rep it concerns. The figures narrowed to a rep — the conversations they
-- joined first, own, or have a transfer or a lapsed offer on, with transfers, lapses and leads theirs
-- only — and their own part ('part_*', the per-rep table), which also counts leads they made alone.
create function analytics_rep_entries(l analytics_lines)
returns table (cuboid text, key text, measure text, seconds int, n int)
language sql immutable as $$
  with reps(rep, t, lp, k, scope) as (
    select rep, sum(t)::int, sum(lp)::int, sum(k)::int, bool_or(scope)
      from (select key as rep, (value->>0)::int as t, (value->>1)::int as lp, (value->>2)::int as k,
                   (value->>0)::int + (value->>1)::int > 0 as scope
              from jsonb_each(l.parts)
            union all select l.first_rep_id, 0, 0, 0, true where l.first_rep_id is not null
            union all select l.owner_id, 0, 0, 0, true where l.owner_id is not null) x
     group by rep)
  select 'rep', r.rep, m.measure, m.seconds, m.n
    from reps r cross join analytics_measures(l) m
   where r.scope and m.measure not in ('transfers', 'lapsed', 'leads')
  union all
  select 'rep', r.rep, v.measure, v.seconds, v.n
    from reps r
   cross join lateral (values
      ('transfers', 0, case when r.scope then r.t end), ('lapsed', 0, case when r.scope then r.lp end),
      ('leads', 0, case when r.scope then r.k end),
      ('part_answered', 0, (l.outcome = 'answered' and l.first_rep_id = r.rep)::int),
      ('part_wait', l.wait_s, (l.outcome = 'answered' and l.first_rep_id = r.rep)::int),
      ('part_handled', 0, (l.handling_s is not null and l.owner_id = r.rep)::int),
      ('part_handling', l.handling_s, (l.handling_s is not null and l.owner_id = r.rep)::int),
      ('part_transfers', 0, r.t), ('part_lapsed', 0, r.lp), ('part_leads', 0, r.k)) v(measure, seconds, n)
   where v.seconds is not null and v.n <> 0
$$;

-- Everything one line adds to the rollups, per cuboid and key.
create function analytics_entries(l analytics_lines)
returns table (cuboid text, key text, measure text, seconds int, n int)
language sql immutable as $$
  select * from analytics_group_entries(l) union all select * from analytics_rep_entries(l)
$$;

-- The UTC buckets a line falls in: its hour (the count of conversations only), day, month and year.
create function analytics_buckets(at timestamptz)
returns table (span text, start timestamptz)
language sql stable as $$
  values ('hour', date_trunc('hour', at, 'UTC')), ('day', date_trunc('day', at, 'UTC')),
         ('month', date_trunc('month', at, 'UTC')), ('year', date_trunc('year', at, 'UTC'))
$$;

-- Adds (sign 1) or takes away (sign -1) one line's entries, in key order so that concurrent
-- writers lock shared rows in the same order.
create function analytics_apply(l analytics_lines, sign int) returns void
language sql as $$
  insert into analytics_rollups as r (cuboid, span, start, key, measure, seconds, n)
  select e.cuboid, b.span, b.start, e.key, e.measure, e.seconds, sign * sum(e.n)
    from analytics_entries(l) e cross join analytics_buckets(l.created_at) b
   where b.span <> 'hour' or e.measure = 'conversations'
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6
  on conflict (cuboid, span, start, key, measure, seconds) do update set n = r.n + excluded.n
$$;

-- Brings one conversation's line and its rollup entries to what is stored now. Serialised per
-- conversation (an advisory lock held to commit), so two transactions never take the same old line away twice.
create function analytics_refresh(cid text) returns void
language plpgsql as $$
declare
  old_line analytics_lines;
  new_line analytics_lines;
  had boolean;
  has boolean;
begin
  perform pg_advisory_xact_lock(1717, hashtext(cid));
  select * into old_line from analytics_lines where conversation_id = cid;
  had := found;
  select * into new_line from analytics_line_source where conversation_id = cid;
  has := found;
  if had = has and (not had or old_line is not distinct from new_line) then
    return;
  end if;
  if had then
    perform analytics_apply(old_line, -1);
    delete from analytics_lines where conversation_id = cid;
  end if;
  if has then
    insert into analytics_lines select (new_line).*;
    perform analytics_apply(new_line, 1);
  end if;
end $$;

-- Every line and rollup again from the stored rows (this file's back-fill; the bench after a bulk
-- load): days and hours from the lines' entries, then months from the days and years from the months.
create function analytics_rebuild() returns void
language sql set work_mem = '256MB' as $$
  delete from analytics_rollups;
  delete from analytics_lines;
  insert into analytics_lines select * from analytics_line_source;
  insert into analytics_rollups (cuboid, span, start, key, measure, seconds, n)
  select e.cuboid, b.span, b.start, e.key, e.measure, e.seconds, sum(e.n)
    from analytics_lines l cross join lateral analytics_entries(l) e
   cross join lateral analytics_buckets(l.created_at) b
   where b.span = 'day' or (b.span = 'hour' and e.measure = 'conversations')
   group by 1, 2, 3, 4, 5, 6
  having sum(e.n) <> 0;
  insert into analytics_rollups (cuboid, span, start, key, measure, seconds, n)
  select cuboid, 'month', date_trunc('month', start, 'UTC'), key, measure, seconds, sum(n)
    from analytics_rollups where span = 'day' group by 1, 2, 3, 4, 5, 6;
  insert into analytics_rollups (cuboid, span, start, key, measure, seconds, n)
  select cuboid, 'year', date_trunc('year', start, 'UTC'), key, measure, seconds, sum(n)
    from analytics_rollups where span = 'month' group by 1, 2, 3, 4, 5, 6;
$$;

-- The triggers run at commit (deferred), once per changed row; a refresh that finds the line
-- unchanged does nothing, so a transaction that changes a conversation several times pays once.
create function analytics_conversation_changed() returns trigger
language plpgsql as $$
begin
  if tg_op <> 'INSERT' then perform analytics_refresh(old.id); end if;
  if tg_op <> 'DELETE' then perform analytics_refresh(new.id); end if;
  return null;
end $$;
create function analytics_part_changed() returns trigger
language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.conversation_id is not null then perform analytics_refresh(old.conversation_id); end if;
  if tg_op <> 'DELETE' and new.conversation_id is not null then perform analytics_refresh(new.conversation_id); end if;
  return null;
end $$;
create function analytics_contact_changed() returns trigger
language plpgsql as $$
begin
  if tg_op <> 'INSERT' and old.source_conversation_id is not null then perform analytics_refresh(old.source_conversation_id); end if;
  if tg_op <> 'DELETE' and new.source_conversation_id is not null then perform analytics_refresh(new.source_conversation_id); end if;
  return null;
end $$;

create constraint trigger analytics_conversations after insert or delete or update of
  id, created_at, chat_id, queue_id, channel, status, missed_at, first_rep_at, first_rep_id, owner_id, closed_at
  on conversations deferrable initially deferred for each row execute function analytics_conversation_changed();
create constraint trigger analytics_facts after insert or update or delete on conversation_facts
  deferrable initially deferred for each row execute function analytics_part_changed();
create constraint trigger analytics_bot_runs after insert or delete or update of conversation_id, state, lead_id
  on bot_runs deferrable initially deferred for each row execute function analytics_part_changed();
create constraint trigger analytics_contacts after insert or delete or update of source, source_conversation_id, created_by
  on crm_contacts deferrable initially deferred for each row execute function analytics_contact_changed();

select analytics_rebuild();
