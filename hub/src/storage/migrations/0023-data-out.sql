-- Data out, as EU customers expect (issue 20, GDPR): erasure's audit, retention per chat, and the
-- scheduled jobs several hub processes share.

-- One row per erased person. It holds no personal data: who erased (an account), when, the erased
-- record's opaque id and how many rows of each kind went (numbers only).
create table erasures (
  id text primary key,
  subject_id text not null,
  erased_by text references reps(id) on delete set null,
  erased_at timestamptz not null default now(),
  removed jsonb not null
);
create index erasures_erased_at on erasures (erased_at desc);

-- Conversations of this chat older than this many months (by their last message) are deleted on a
-- schedule; null: kept until someone deletes them.
alter table chats add column retention_months integer check (retention_months > 0);

-- A job that only one hub process may run at a time (e.g. retention): a process claims the row with a
-- lease; another sees the lease and leaves the job alone until it lapses.
create table scheduled_jobs (
  name text primary key,
  holder text,
  lease_until timestamptz,
  last_run_at timestamptz
);
