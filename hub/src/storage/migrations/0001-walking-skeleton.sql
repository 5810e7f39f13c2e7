-- Walking skeleton: chats, reps, visitors, conversations, messages, event log.
-- Was migration 1 before migrations became numbered files.
create table chats (
  id text primary key,
  key text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);
create table reps (
  id text primary key,
  email text not null unique,
  name text not null,
  role text not null check (role in ('rep', 'observer', 'admin')),
  extension text,
  password_hash text not null,
  status text not null default 'offline' check (status in ('online', 'away', 'invisible', 'offline')),
  created_at timestamptz not null default now()
);
create table queues (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  name text not null
);
create table queue_members (
  queue_id text not null references queues(id) on delete cascade,
  rep_id text not null references reps(id) on delete cascade,
  primary key (queue_id, rep_id)
);
create table sessions (
  token_hash text primary key,
  rep_id text not null references reps(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create table customers (
  id text primary key,
  email text unique,
  phone text,
  name text not null,
  company text
);
create table visitors (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  email text,
  name text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create table conversations (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  visitor_id text not null references visitors(id) on delete cascade,
  channel text not null default 'web',
  status text not null default 'pending' check (status in ('pending', 'active', 'closed', 'archived')),
  owner_id text references reps(id),
  created_at timestamptz not null default now(),
  last_message_at timestamptz not null default now(),
  last_message_preview text not null default ''
);
create index conversations_visitor on conversations (visitor_id, status);
create table messages (
  id text primary key,
  conversation_id text not null references conversations(id) on delete cascade,
  -- who sent it ('v:<visitor>' or 'r:<rep>') with their client id: a retry is answered, not stored twice
  sender_key text not null,
  client_id text,
  author text not null check (author in ('visitor', 'rep', 'system')),
  author_name text,
  rep_id text references reps(id),
  text text not null,
  page_url text,
  created_at timestamptz not null default now()
);
create unique index messages_client_once on messages (sender_key, client_id);
create index messages_conversation on messages (conversation_id, created_at);
create table events (
  id bigserial primary key,
  chat_id text not null,
  conversation_id text,
  visitor_id text,
  -- reps allowed to see it besides supervisors; null means every rep of the chat
  audience text[],
  kind text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);
