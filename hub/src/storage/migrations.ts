import { CRM_MIGRATION } from '../crm/schema';
import type { Db } from './db';

/**
 * Ordered, append-only schema changes. Never edit a shipped migration: add the next one.
 * Applied under an advisory lock so two hub instances starting together migrate once.
 */
export const MIGRATIONS: { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'walking skeleton: chats, reps, visitors, conversations, messages, event log',
    sql: `
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
    `,
  },
  {
    id: 2,
    name: 'idempotent commands: one stored result per sender and client id',
    sql: `
      create table command_results (
        sender_key text not null,
        client_id text not null,
        command text not null,
        result jsonb not null,
        created_at timestamptz not null default now(),
        primary key (sender_key, client_id)
      );
    `,
  },
  {
    id: 3,
    name: 'routing and inbox rules: queue strategies, offers, readers, blocks, business hours',
    sql: `
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
    `,
  },
  {
    id: 4,
    name: 'visitors who left: abandoned conversations',
    sql: `alter table visitors add column left_at timestamptz;`,
  },
  {
    id: 5,
    name: 'working mode per rep (SPEC A4); null means their role',
    sql: `alter table reps add column mode text check (mode in ('rep', 'observer', 'admin'));`,
  },
  {
    id: 8,
    name: 'files in conversations with approval (SPEC D3, D4); per-chat file limit and sneak peek switch (SPEC D2)',
    sql: `
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
    `,
  },
  {
    id: 9,
    name: 'quick-reply templates per chat (SPEC D5, H3)',
    sql: `
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
    `,
  },
  {
    id: 11,
    name: 'routing bot (SPEC F): settings per chat, state per conversation; conversation tags for its follow-up',
    sql: `
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
    `,
  },
  {
    id: 6,
    name: 'chats each rep works in (SPEC A2); null means all of theirs',
    sql: `alter table reps add column work_chats text[];`,
  },
  {
    // Landed after 8, 9, 11 and 6; the array order is the apply order.
    id: 7,
    name: 'conversation tags, internal notes, visitors found by email (SPEC D7, D9, D10)',
    sql: `
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
    `,
  },
  CRM_MIGRATION,
  {
    id: 30,
    name: 'web origins each chat allows its widget on (SPEC H2); empty: any',
    sql: `alter table chats add column allowed_origins text[] not null default '{}';`,
  },
];

export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(4242001)');
    await tx.query(`create table if not exists schema_migrations (
      id integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const done = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).map((r) => r.id));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    return applied;
  });
}
