-- What deleting does to the event log (issue 14).
-- A deleted conversation's events are removed from the log: found by conversation.
create index events_conversation on events (conversation_id) where conversation_id is not null;
-- Events older than LIMITS.eventLogRetentionDays are pruned, and the highest id pruned is kept here,
-- so a rep resuming from before it gets a full re-sync instead of a replay with a hole. One row.
create table event_log_floor (
  one boolean primary key default true check (one),
  pruned_through bigint not null default 0
);
insert into event_log_floor default values;
