-- Messaging channels (issue 15, FEATURES G2, G3, G4, C9): WhatsApp, Messenger and SMS in the same inbox.
-- A chat's connection to each provider: plain settings (ids, numbers, approved templates) as JSON,
-- the secrets (tokens, app secrets) as one AES-256-GCM sealed JSON (hub/src/channels/crypto.ts,
-- key from PARLEY_SECRET_KEY): never stored or sent in the clear.
create table channel_connections (
  chat_id text not null references chats(id) on delete cascade,
  provider text not null check (provider in ('whatsapp', 'messenger', 'sms')),
  settings jsonb not null,
  sealed_secrets text not null,
  updated_at timestamptz not null default now(),
  primary key (chat_id, provider)
);
-- What a provider's webhook delivered, one row per message or status in it, stored before the hub
-- answers and processed after from here: a redelivery (same provider id) adds nothing, and a failed
-- processing is retried from this table (next_attempt_at), not lost.
create table channel_inbound (
  id text primary key,
  chat_id text not null references chats(id) on delete cascade,
  provider text not null,
  -- the provider's message id; for a status callback "<message id>:<status>", so a repeat is one row
  provider_id text not null,
  kind text not null check (kind in ('message', 'status')),
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  unique (chat_id, provider, provider_id)
);
create index channel_inbound_due on channel_inbound (next_attempt_at) where processed_at is null;
-- Who writes on a channel: one visitor row per chat, provider and sender address (E.164 or page-scoped id).
create table channel_senders (
  chat_id text not null references chats(id) on delete cascade,
  provider text not null,
  address text not null,
  visitor_id text not null references visitors(id) on delete cascade,
  -- a rep chose Ignore (FEATURES C9): their later messages are kept, silently
  ignored_at timestamptz,
  -- the customer-store record a rep added them as (Add contact); null: matched by phone, or unknown
  contact_id text,
  primary key (chat_id, provider, address)
);
create unique index channel_senders_visitor on channel_senders (visitor_id);
alter table conversations add column unknown_sender boolean not null default false;
-- the customer's last message on the channel: WhatsApp's 24-hour window runs from it
alter table conversations add column last_inbound_at timestamptz;
alter table conversations drop constraint conversations_closed_reason_check;
alter table conversations add constraint conversations_closed_reason_check
  check (closed_reason in ('ended', 'blocked', 'handled', 'ignored'));
-- A channel message: the provider's id (inbound, or the one its API gave a reply), and where a reply's
-- delivery stands (only forward; a failure keeps the provider's code and text).
alter table messages add column provider_message_id text;
alter table messages add column delivery_status text
  check (delivery_status in ('queued', 'sent', 'delivered', 'read', 'failed', 'not_sent'));
alter table messages add column delivery_error_code text;
alter table messages add column delivery_error_text text;
alter table messages add column template jsonb;
create index messages_provider_id on messages (provider_message_id) where provider_message_id is not null;
-- Replies waiting to go out, sent by the outbox worker one at a time per conversation in `seq` order.
create table channel_outbox (
  message_id text primary key references messages(id) on delete cascade,
  conversation_id text not null references conversations(id) on delete cascade,
  chat_id text not null,
  provider text not null,
  seq bigserial not null,
  request jsonb not null,
  done boolean not null default false,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index channel_outbox_pending on channel_outbox (conversation_id, seq) where not done;
