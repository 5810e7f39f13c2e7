-- Accounts (FEATURES H1): invitations and password resets by one-time link, disabled and deleted
-- accounts, what new reps start with, demo accounts marked, and the indexes that end a rep's
-- sessions at once and purge expired ones.
alter table reps alter column password_hash drop not null;
alter table reps
  add column disabled_at timestamptz,
  add column deleted_at timestamptz,
  -- The demo seeds its accounts in the reserved .test domain (RFC 6761), which no real address has.
  add column demo boolean generated always as (email like '%@demo.parley.test') stored,
  -- availability when they come online from offline (a default option set, FEATURES H1)
  add column sign_in_status text not null default 'online' check (sign_in_status in ('online', 'away', 'invisible')),
  -- alert settings their extension applies at their first sign-in; null: the extension's own
  add column start_alerts jsonb,
  add column last_sign_in_at timestamptz;
-- A deleted account keeps its row, so its conversations stay under its name; its address may be invited again.
alter table reps drop constraint reps_email_key;
create unique index reps_email_live on reps (email) where deleted_at is null;
-- One-time links: only the token's SHA-256 is kept; used_at set once the password is set.
create table account_links (
  token_hash text primary key,
  rep_id text not null references reps(id) on delete cascade,
  purpose text not null check (purpose in ('invite', 'reset')),
  created_by text references reps(id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_links_rep on account_links (rep_id);
create index sessions_rep on sessions (rep_id);
create index sessions_expires on sessions (expires_at);
-- Hub-wide settings by name, e.g. 'repDefaults'.
create table hub_settings (
  key text primary key,
  value jsonb not null,
  updated_by text references reps(id) on delete set null,
  updated_at timestamptz not null default now()
);
