-- The data API, shop webhooks and checkouts the page reports (issue 20; FEATURES E2, E10, E11).
-- API keys: the secret is 32 random bytes shown once; only its SHA-256 is kept (a hash of that much
-- randomness cannot be reversed by guessing, so no slow password hash is needed) and looked up by it.
create table api_keys (
  id text primary key,
  name text not null,
  scopes text[] not null,
  secret_hash text not null unique,
  hint text not null,
  created_by text references reps(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
-- A request sent with an Idempotency-Key: its hash and its answer, so a retry writes once.
create table api_idempotency (
  key_id text not null references api_keys(id) on delete cascade,
  idem_key text not null,
  request_hash text not null,
  status integer not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (key_id, idem_key)
);
create index api_idempotency_age on api_idempotency (created_at);
-- What the shop's own systems call their records, so a second upsert finds the first.
alter table crm_companies add column external_id text;
create unique index crm_companies_external on crm_companies (external_id) where external_id is not null;
alter table crm_emails add column external_id text;
create unique index crm_emails_external on crm_emails (external_id) where external_id is not null;
-- Where a purchase came from: the seed or the store ('store'), the data API ('api'), a shop's webhook
-- ('woocommerce', 'shopify'), or the page's own checkout report ('page'), which the shop's order replaces.
alter table crm_purchases add column source text not null default 'store';
create index crm_purchases_order on crm_purchases (order_id);
-- Custom events sent through the API (a newsletter sign-up, a return).
create table crm_custom_events (
  id text primary key,
  external_id text not null unique,
  contact_id text not null references crm_contacts(id) on delete cascade,
  name text not null,
  properties jsonb not null default '{}',
  at timestamptz not null
);
create index crm_custom_events_contact on crm_custom_events (contact_id, at desc);
-- A chat's shop webhooks: the secret the shop signs its deliveries with (HMAC needs the key itself,
-- so it is kept as is, like chats.identity_secret), one per platform.
create table shop_webhooks (
  chat_id text not null references chats(id) on delete cascade,
  platform text not null check (platform in ('woocommerce', 'shopify')),
  secret text not null,
  created_at timestamptz not null default now(),
  primary key (chat_id, platform)
);
-- Deliveries already applied, so a replay writes nothing twice.
create table shop_webhook_deliveries (
  chat_id text not null references chats(id) on delete cascade,
  platform text not null,
  delivery_id text not null,
  at timestamptz not null default now(),
  primary key (chat_id, platform, delivery_id)
);
create index shop_webhook_deliveries_age on shop_webhook_deliveries (at);
