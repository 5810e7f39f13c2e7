-- Conversation tags, internal notes, visitors found by email (SPEC D7, D9, D10).
-- Was migration 7 before migrations became numbered files; the migration 11 named below is 0008-routing-bot.sql.
-- The same column as the bot's migration 11 adds; "if not exists" so either may come first.
alter table conversations add column if not exists tags text[] not null default '{}';
create table notes (
  id text primary key,
  conversation_id text not null references conversations(id) on delete cascade,
  rep_id text references reps(id) on delete set null,
  author_name text not null,
  text text not null,
  created_at timestamptz not null default now()
);
create index notes_conversation on notes (conversation_id, created_at);
create index visitors_email on visitors (email) where email is not null;
