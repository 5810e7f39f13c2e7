-- Idempotent commands: one stored result per sender and client id.
-- Was migration 2 before migrations became numbered files.
create table command_results (
  sender_key text not null,
  client_id text not null,
  command text not null,
  result jsonb not null,
  created_at timestamptz not null default now(),
  primary key (sender_key, client_id)
);
