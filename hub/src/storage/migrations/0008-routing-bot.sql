-- Routing bot (SPEC F): settings per chat, state per conversation; conversation tags for its follow-up.
-- Was migration 11 before migrations became numbered files; the migration 7 named below is 0010-tags-notes.sql.
-- The same column as issue 5's tags (migration 7); "if not exists" so either may come first.
alter table conversations add column if not exists tags text[] not null default '{}';
create table bot_configs (
  chat_id text primary key references chats(id) on delete cascade,
  config jsonb not null,
  updated_by text references reps(id) on delete set null,
  updated_at timestamptz not null default now()
);
create table bot_runs (
  conversation_id text primary key references conversations(id) on delete cascade,
  chat_id text not null references chats(id) on delete cascade,
  lang text not null check (lang in ('en', 'it', 'de', 'pl', 'cs')),
  -- the machine's state (hub/src/bot/machine.ts); step 'done' once it finished
  state jsonb not null,
  -- the qualification answers and the lead made from them, once the follow-up ran
  answers jsonb,
  lead_id text,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
