-- Local-day rollups (issue 17): the per-day table of a year read from one bucket per local day. The
-- rollups of 0024 are per UTC day, so each local day of the per-day table needed its own histogram
-- made from a UTC day plus and minus the lines between its local and UTC midnights: about as much
-- work as the raw statement (9.7 s for a year of 1M conversations). Now, for each zone in
-- `analytics_zones` — every zone a chat's business hours name, kept from the moment it is named —
-- each line's entries (the reps' own parts aside: no per-day figure reads them) are also summed per
-- local day in that zone, DST days (23 or 25 hours) and half-hour zones alike, by the same refresh
-- that keeps 0024's rows. A report in a zone not kept reads as before (hub/src/analytics/rollup-days.ts).
create table analytics_zones (tz text primary key);

create table analytics_local_days (
  tz text not null,
  cuboid text not null check (cuboid in ('all', 'chat', 'queue', 'channel', 'rep')),
  key text not null,
  day date not null,
  measure text not null,
  seconds int not null,
  n int not null,
  -- in the per-day read's order: a zone's days of one key, each measure's histogram by seconds (no sort)
  primary key (tz, cuboid, key, day, measure, seconds) include (n)
);

-- The entries of `lines` per local day in zone `zone`, summed: the back-fill of a zone and of a rebuild.
create function analytics_local_entries(zone text)
returns table (tz text, cuboid text, key text, day date, measure text, seconds int, n int)
language sql stable as $$
  select zone, e.cuboid, e.key, (l.created_at at time zone zone)::date, e.measure, e.seconds, sum(e.n)::int
    from analytics_lines l cross join lateral analytics_entries(l) e
   where not starts_with(e.measure, 'part_')
   group by 1, 2, 3, 4, 5, 6
  having sum(e.n) <> 0
$$;

-- 0024's apply keeps the UTC buckets; the apply the refresh calls now keeps the local days as well.
alter function analytics_apply(analytics_lines, int) rename to analytics_utc_apply;
create function analytics_apply(l analytics_lines, sign int) returns void
language sql as $$
  select analytics_utc_apply(l, sign);
  insert into analytics_local_days as r (tz, cuboid, key, day, measure, seconds, n)
  select z.tz, e.cuboid, e.key, (l.created_at at time zone z.tz)::date, e.measure, e.seconds, sign * sum(e.n)
    from analytics_zones z cross join analytics_entries(l) e
   where not starts_with(e.measure, 'part_')
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6
  on conflict (tz, cuboid, key, day, measure, seconds) do update set n = r.n + excluded.n
$$;

-- Starts keeping local days in `zone` (back-filled from the lines); false when they are kept already.
-- An unknown zone is refused here (PostgreSQL's error), before it could break every later refresh.
-- Takes the refreshes' lock (0026), so no line changes between the back-fill and the first refresh.
create function analytics_keep_zone(zone text) returns boolean
language plpgsql as $$
begin
  perform now() at time zone zone;
  perform pg_advisory_xact_lock(1717, 0);
  insert into analytics_zones (tz) values (zone) on conflict do nothing;
  if not found then
    return false;
  end if;
  insert into analytics_local_days select * from analytics_local_entries(zone);
  return true;
end $$;

-- 0024's rebuild, then every kept zone's local days again from the lines it rebuilt.
alter function analytics_rebuild() rename to analytics_utc_rebuild;
create function analytics_rebuild() returns void
language sql set work_mem = '256MB' as $$
  select analytics_utc_rebuild();
  delete from analytics_local_days;
  insert into analytics_local_days select e.* from analytics_zones z cross join lateral analytics_local_entries(z.tz) e;
$$;

-- A chat's business hours name its zone: keep it. A name PostgreSQL does not know (its zone data may
-- lag the browser's) leaves that zone's reports on the UTC rollups rather than refusing the settings.
create function analytics_keep_hours_zone(hours jsonb) returns void
language plpgsql as $$
begin
  if jsonb_typeof(hours -> 'timezone') = 'string' then
    begin
      perform analytics_keep_zone(hours ->> 'timezone');
    exception when invalid_parameter_value then
      null;
    end;
  end if;
end $$;
create function analytics_chat_zone() returns trigger
language plpgsql as $$
begin
  perform analytics_keep_hours_zone(new.hours);
  return null;
end $$;
create trigger analytics_chat_zone after insert or update of hours on chats
  for each row execute function analytics_chat_zone();

-- The zones the chats name today.
select analytics_keep_hours_zone(hours) from chats;
