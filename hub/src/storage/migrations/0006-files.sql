-- Files in conversations with approval (SPEC D3, D4); per-chat file limit and sneak peek switch (SPEC D2).
-- Was migration 8 before migrations became numbered files.
alter table chats
  -- null: FILE_LIMITS.defaultChatFileBytes, so the default lives in one place (protocol/files.ts)
  add column file_max_bytes integer check (file_max_bytes > 0),
  add column sneak_peek boolean not null default true;
create table files (
  id text primary key,
  conversation_id text not null references conversations(id) on delete cascade,
  message_id text references messages(id) on delete cascade,
  uploader text not null check (uploader in ('visitor', 'rep')),
  name text not null,
  mime text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  status text not null check (status in ('pending', 'accepted', 'rejected')),
  reviewed_by text references reps(id),
  reviewed_at timestamptz,
  created_at timestamptz not null default now()
);
create index files_conversation on files (conversation_id);
-- the file as the message shows it (id, name, mime, size, status); kept in step with files.status
alter table messages add column attachment jsonb;
