-- Built-in customer store: contacts, companies, notes, tasks, tags, products, purchases, carts, emails, feed, pools, layouts, visitor tracking, product cards.
-- Was migration 10 before migrations became numbered files.
-- The built-in customer store (SPEC E). Records are contacts (leads and persons, one table: a lead
-- becomes a person by changing its kind) and companies; owners are reps. Everything a card shows
-- hangs off the contact. The activity feed is its own table, written beside each note, task, email
-- and chat summary, so the feed is one indexed read with a type filter.
create table crm_companies (
  id text primary key,
  name text not null,
  website text,
  phone text,
  address text,
  industry text,
  custom jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create table crm_contacts (
  id text primary key,
  kind text not null check (kind in ('lead', 'person')),
  name text not null,
  email text,
  phone text,
  -- digits only (and a leading +), so "+39 055 123" and "+39055123" match (SPEC E1, messaging channels)
  phone_key text,
  address text,
  company_id text references crm_companies(id) on delete set null,
  owner_id text references reps(id) on delete set null,
  source text,
  source_conversation_id text,
  custom jsonb not null default '{}',
  created_by text references reps(id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index crm_contacts_email on crm_contacts (email) where email is not null;
create index crm_contacts_phone on crm_contacts (phone_key) where phone_key is not null;
create index crm_contacts_owner on crm_contacts (owner_id);
create table crm_notes (
  id text primary key,
  contact_id text not null references crm_contacts(id) on delete cascade,
  kind text not null default 'note' check (kind in ('note', 'sales')),
  text text not null,
  author_id text references reps(id) on delete set null,
  created_at timestamptz not null default clock_timestamp()
);
create index crm_notes_contact on crm_notes (contact_id, created_at desc);
create table crm_tasks (
  id text primary key,
  contact_id text not null references crm_contacts(id) on delete cascade,
  title text not null,
  assignee_id text references reps(id) on delete set null,
  due_date date,
  done boolean not null default false,
  created_by text references reps(id) on delete set null,
  created_at timestamptz not null default clock_timestamp()
);
create index crm_tasks_contact on crm_tasks (contact_id, created_at desc);
create table crm_tags (
  contact_id text not null references crm_contacts(id) on delete cascade,
  tag text not null,
  tag_key text not null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (contact_id, tag_key)
);
create table crm_emails (
  id text primary key,
  contact_id text not null references crm_contacts(id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  subject text not null,
  snippet text not null default '',
  at timestamptz not null
);
create index crm_emails_contact on crm_emails (contact_id, at desc);
create table crm_products (
  id text primary key,
  sku text not null unique,
  name text not null,
  brand text not null,
  category text not null,
  price_cents integer not null check (price_cents >= 0),
  currency text not null default 'EUR',
  image_url text,
  url text
);
create index crm_products_url on crm_products (url);
create table crm_purchases (
  id text primary key,
  contact_id text not null references crm_contacts(id) on delete cascade,
  product_id text not null references crm_products(id) on delete cascade,
  order_id text not null,
  quantity integer not null default 1 check (quantity > 0),
  price_cents integer not null,
  purchased_at timestamptz not null
);
create index crm_purchases_contact on crm_purchases (contact_id, purchased_at desc);
create index crm_purchases_product on crm_purchases (product_id, contact_id);
-- The shop's cart lines for known customers (the store's own data, e.g. from the shop system).
create table crm_cart_lines (
  contact_id text not null references crm_contacts(id) on delete cascade,
  product_id text not null references crm_products(id) on delete cascade,
  quantity integer not null check (quantity > 0),
  added_at timestamptz not null,
  primary key (contact_id, product_id)
);
-- What the widget reports a visitor did: page views and cart changes (SPEC G1 page tracking).
create table crm_visitor_events (
  id bigserial primary key,
  visitor_id text not null,
  kind text not null check (kind in ('page_view', 'cart_add', 'cart_remove', 'checkout')),
  url text not null,
  title text,
  product_id text references crm_products(id) on delete set null,
  quantity integer not null default 1,
  at timestamptz not null default clock_timestamp()
);
create index crm_visitor_events_visitor on crm_visitor_events (visitor_id, at desc);
create table crm_activity (
  id text primary key,
  contact_id text not null references crm_contacts(id) on delete cascade,
  type text not null check (type in ('chat', 'note', 'email', 'task', 'lead')),
  title text not null,
  actor_id text references reps(id) on delete set null,
  chat jsonb,
  at timestamptz not null default clock_timestamp()
);
create index crm_activity_feed on crm_activity (contact_id, at desc, id desc);
create table crm_pools (
  id text primary key,
  name text not null,
  -- turns taken so far; the next lead goes to member (turns mod members) in position order
  turns bigint not null default 0
);
create table crm_pool_members (
  pool_id text not null references crm_pools(id) on delete cascade,
  rep_id text not null references reps(id) on delete cascade,
  position integer not null default 0,
  primary key (pool_id, rep_id)
);
create table crm_layouts (
  entity text primary key check (entity in ('lead', 'person', 'company')),
  fields jsonb not null,
  updated_by text references reps(id) on delete set null,
  updated_at timestamptz not null default now()
);
alter table visitors add column phone text;
alter table messages add column product jsonb;
-- The walking skeleton's demo customers become persons of the store.
insert into crm_contacts (id, kind, name, email, phone, phone_key)
  select id, 'person', name, lower(email), phone, nullif(regexp_replace(coalesce(phone, ''), '[^0-9+]', '', 'g'), '') from customers;
