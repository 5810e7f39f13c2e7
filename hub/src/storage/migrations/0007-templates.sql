-- Quick-reply templates per chat (SPEC D5, H3).
-- Was migration 9 before migrations became numbered files.
create table templates (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  category text not null,
  language text not null check (language in ('en', 'it', 'de', 'pl', 'cs')),
  title text not null,
  text text not null,
  updated_by text references reps(id) on delete set null,
  updated_at timestamptz not null default now()
);
create index templates_chat on templates (chat_id, language, category);
