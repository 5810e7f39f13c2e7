import type { Sql } from '#hub/storage/db';

/**
 * A small, hand-made history for the analytics tests (FEATURES H4), written straight into the
 * tables the hub keeps, with every time chosen so each figure can be worked out by hand. Times are
 * UTC; Europe/Rome is UTC+1 in November. The range the tests ask for is 2026-11-09 (Monday) to
 * 2026-11-11 (Wednesday) in Rome. The expected answers are in analytics.test.ts, worked out there.
 *
 *   name               opened (UTC)            Rome       chat / queue / channel   what happened
 *   before             2026-11-08 22:59:59     Sun 23:59  shop / sales / web       out of range in Rome (in UTC too)
 *   morning            2026-11-09 08:00:00     Mon 09:00  shop / sales / web       anna +30 s, archived +600 s
 *   midnight           2026-11-09 22:50:00     Mon 23:50  shop / sales / web       ben +60 s, closed 00:20 Tue (+1740 s)
 *   after-midnight     2026-11-09 23:30:00     Tue 00:30  shop / support / web     ben +45 s, still active
 *   transfer           2026-11-10 09:00:00     Tue 10:00  shop / sales / web       anna +120 s, to ben at +300 s, ben closed +1200 s
 *   abandoned          2026-11-10 10:00:00     Tue 11:00  shop / sales / web       offers to anna and ben lapsed, visitor left
 *   missed             2026-11-10 11:00:00     Tue 12:00  shop / support / web     nobody there, missed at +60 s; anna took it at 14:00, closed 14:10
 *   bot-person         2026-11-11 07:00:00     Wed 08:00  shop / support / web     bot: asked for a person; ben +180 s, active
 *   bot-customer       2026-11-11 08:30:00     Wed 09:30  shop / support / web     bot: customer routed; anna +30 s, active
 *   bot-lead           2026-11-11 12:00:00     Wed 13:00  shop / sales / web       bot: qualified, lead created; waiting
 *   bot-running        2026-11-11 13:00:00     Wed 14:00  shop / (held) / web      bot still asking
 *   whatsapp           2026-11-11 15:00:00     Wed 16:00  help / help / whatsapp   anna +10 s, lead by anna, closed +1800 s
 *   after              2026-11-11 23:00:00     Thu 00:00  shop / sales / web       out of range in Rome, in range in UTC
 */
export const ANALYTICS_TZ = 'Europe/Rome';
export const RANGE = { from: '2026-11-09', to: '2026-11-11' } as const;

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(`${iso}Z`) + plusSeconds * 1000);

interface Conv {
  id: string;
  chat: string;
  queue: string | null;
  channel?: string;
  opened: string;
  status: 'pending' | 'active' | 'closed' | 'archived' | 'abandoned';
  /** Seconds after opening that the first rep joined, and who. */
  joined?: [number, string];
  owner?: string;
  /** Seconds after opening that it was closed (last time). */
  closed?: number;
  missed?: [number, 'left' | 'closed'];
}

export const CONVERSATIONS: Conv[] = [
  {
    id: 'c_before',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-08T22:59:59',
    status: 'closed',
    joined: [5, 'r_anna'],
    owner: 'r_anna',
    closed: 100,
  },
  {
    id: 'c_morning',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-09T08:00:00',
    status: 'archived',
    joined: [30, 'r_anna'],
    owner: 'r_anna',
    closed: 630,
  },
  {
    id: 'c_midnight',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-09T22:50:00',
    status: 'closed',
    joined: [60, 'r_ben'],
    owner: 'r_ben',
    closed: 1800,
  },
  {
    id: 'c_after_midnight',
    chat: 'ch_shop',
    queue: 'q_support',
    opened: '2026-11-09T23:30:00',
    status: 'active',
    joined: [45, 'r_ben'],
    owner: 'r_ben',
  },
  {
    id: 'c_transfer',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-10T09:00:00',
    status: 'closed',
    joined: [120, 'r_anna'],
    owner: 'r_ben',
    closed: 1200,
  },
  {
    id: 'c_abandoned',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-10T10:00:00',
    status: 'abandoned',
    closed: 300,
  },
  {
    id: 'c_missed',
    chat: 'ch_shop',
    queue: 'q_support',
    opened: '2026-11-10T11:00:00',
    status: 'closed',
    missed: [60, 'left'],
    joined: [3 * 3600, 'r_anna'],
    owner: 'r_anna',
    closed: 3 * 3600 + 600,
  },
  {
    id: 'c_bot_person',
    chat: 'ch_shop',
    queue: 'q_support',
    opened: '2026-11-11T07:00:00',
    status: 'active',
    joined: [180, 'r_ben'],
    owner: 'r_ben',
  },
  {
    id: 'c_bot_customer',
    chat: 'ch_shop',
    queue: 'q_support',
    opened: '2026-11-11T08:30:00',
    status: 'active',
    joined: [30, 'r_anna'],
    owner: 'r_anna',
  },
  { id: 'c_bot_lead', chat: 'ch_shop', queue: 'q_sales', opened: '2026-11-11T12:00:00', status: 'pending' },
  { id: 'c_bot_running', chat: 'ch_shop', queue: null, opened: '2026-11-11T13:00:00', status: 'pending' },
  {
    id: 'c_whatsapp',
    chat: 'ch_help',
    queue: 'q_help',
    channel: 'whatsapp',
    opened: '2026-11-11T15:00:00',
    status: 'closed',
    joined: [10, 'r_anna'],
    owner: 'r_anna',
    closed: 1810,
  },
  {
    id: 'c_after',
    chat: 'ch_shop',
    queue: 'q_sales',
    opened: '2026-11-11T23:00:00',
    status: 'closed',
    joined: [20, 'r_ben'],
    owner: 'r_ben',
    closed: 200,
  },
];

/** The conversations in the range in Rome, oldest first. */
export const IN_RANGE = CONVERSATIONS.map((c) => c.id).filter((id) => id !== 'c_before' && id !== 'c_after');

export async function writeAnalyticsDataset(db: Sql): Promise<void> {
  await db.exec(`
    insert into chats (id, key, name) values ('ch_shop', 'shop', 'Shop'), ('ch_help', 'help', 'Help desk');
    insert into queues (id, chat_id, name) values ('q_sales', 'ch_shop', 'Sales'), ('q_support', 'ch_shop', 'Support'), ('q_help', 'ch_help', 'Help');
    insert into reps (id, email, name, role, password_hash) values
      ('r_anna', 'anna@test', 'Anna', 'rep', 'x'), ('r_ben', 'ben@test', 'Ben', 'rep', 'x'), ('r_sara', 'sara@test', 'Sara', 'observer', 'x');
    insert into queue_members (queue_id, rep_id) values ('q_sales', 'r_anna'), ('q_sales', 'r_ben'), ('q_support', 'r_anna'), ('q_support', 'r_ben'), ('q_help', 'r_anna');`);
  for (const c of CONVERSATIONS) {
    await db.query('insert into visitors (id, chat_id) values ($1, $2)', [`v_${c.id}`, c.chat]);
    await db.query(
      `insert into conversations (id, chat_id, visitor_id, channel, status, queue_id, owner_id, created_at, last_message_at, first_rep_at, first_rep_id, closed_at, missed_at, missed_reason, closed_reason)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11, $12, $13, $14)`,
      [
        c.id,
        c.chat,
        `v_${c.id}`,
        c.channel ?? 'web',
        c.status,
        c.queue,
        c.owner ?? null,
        at(c.opened),
        c.joined ? at(c.opened, c.joined[0]) : null,
        c.joined?.[1] ?? null,
        c.closed !== undefined ? at(c.opened, c.closed) : null,
        c.missed ? at(c.opened, c.missed[0]) : null,
        c.missed?.[1] ?? null,
        c.status === 'closed' ? 'ended' : c.status === 'archived' ? 'handled' : null,
      ],
    );
  }
  await db.exec(`
    insert into conversation_facts (conversation_id, kind, rep_id, by_rep_id, to_rep_id, at) values
      ('c_transfer', 'transferred', 'r_anna', 'r_anna', 'r_ben', '2026-11-10T09:05:00Z'),
      ('c_abandoned', 'offer_lapsed', 'r_anna', null, null, '2026-11-10T10:00:30Z'),
      ('c_abandoned', 'offer_lapsed', 'r_ben', null, null, '2026-11-10T10:01:00Z'),
      ('c_before', 'offer_lapsed', 'r_ben', null, null, '2026-11-08T23:00:00Z');
    insert into bot_runs (conversation_id, chat_id, lang, state, lead_id) values
      ('c_bot_person', 'ch_shop', 'en', '{"step":"done","outcome":"person"}', null),
      ('c_bot_customer', 'ch_shop', 'en', '{"step":"done","outcome":"customer"}', null),
      ('c_bot_lead', 'ch_shop', 'en', '{"step":"done","outcome":"lead"}', 'k_bot'),
      ('c_bot_running', 'ch_shop', 'en', '{"step":"askCustomer"}', null);
    insert into crm_contacts (id, kind, name, email, source, source_conversation_id, created_by, created_at) values
      ('k_bot', 'lead', 'Bot lead', 'bot@lead.test', 'chat', 'c_bot_lead', null, '2026-11-11T12:05:00Z'),
      ('k_anna', 'lead', 'Anna lead', 'anna@lead.test', 'chat', 'c_whatsapp', 'r_anna', '2026-11-11T15:10:00Z'),
      ('k_before', 'lead', 'Old lead', 'old@lead.test', 'chat', 'c_before', 'r_anna', '2026-11-08T23:01:00Z'),
      ('k_shop', 'person', 'From the shop', 'shop@person.test', null, null, null, '2026-11-10T08:00:00Z');`);
}
