-- Routing and inbox rules: queue strategies, offers, readers, blocks, business hours.
-- Was migration 3 before migrations became numbered files.
alter table chats add column hours jsonb;
alter table queues
  add column strategy text not null default 'broadcast' check (strategy in ('broadcast', 'ring', 'round_robin', 'least_busy')),
  add column ring_size integer not null default 2,
  add column offer_timeout_s integer not null default 30,
  add column default_capacity integer not null default 3,
  add column rr_cursor text;
alter table queue_members
  add column capacity integer,
  add column position integer not null default 0;
alter table reps add column missed_offers integer not null default 0;
alter table visitors add column ip text;
alter table conversations drop constraint conversations_status_check;
alter table conversations
  add constraint conversations_status_check check (status in ('pending', 'active', 'closed', 'archived', 'abandoned')),
  add column queue_id text references queues(id) on delete set null,
  add column previous_owner_id text references reps(id),
  add column closed_reason text check (closed_reason in ('ended', 'blocked', 'handled')),
  -- reps who handed it on and keep read-only access
  add column readers text[] not null default '{}',
  -- the offer in force: who has it, until when (null: no deadline), who had it before
  add column offered_to text[] not null default '{}',
  add column offer_expires_at timestamptz,
  add column tried text[] not null default '{}',
  add column first_rep_at timestamptz,
  add column closed_at timestamptz;
create index conversations_offer_due on conversations (offer_expires_at) where status = 'pending';
create index conversations_queue on conversations (queue_id, status, created_at);
create table blocks (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  visitor_id text,
  ip text,
  until timestamptz,
  created_by text references reps(id),
  created_at timestamptz not null default now()
);
create index blocks_visitor on blocks (chat_id, visitor_id);
create index blocks_ip on blocks (chat_id, ip);
