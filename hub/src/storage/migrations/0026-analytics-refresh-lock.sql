-- Rollups under concurrent commits (issue 17). 0024's refresh locked per conversation, then changed
-- the shared rollup rows (this day's, month's, year's) one conversation at a time: two commits each
-- re-counting conversations of the other's days took those rows in crossing orders and PostgreSQL
-- aborted one as a deadlock (tests/hub/analytics-rollups-concurrency.test.ts). Now every refresh
-- first takes one lock, held to commit, before any rollup row: commits that change counted columns
-- queue for the moment of their re-count and never hold a rollup row another is waiting for.
-- A message in an open conversation changes no counted column, so the hot path does not take it.
create or replace function analytics_refresh(cid text) returns void
language plpgsql as $$
declare
  old_line analytics_lines;
  new_line analytics_lines;
  had boolean;
  has boolean;
begin
  perform pg_advisory_xact_lock(1717, 0);
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
