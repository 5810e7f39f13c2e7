import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '#hub/storage/db';
import type { Hub } from '#hub/server';
import { afterEach, beforeEach } from 'vitest';
import { repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, linkChecked, takenConversation } from './crm-support';
import { restClient } from './rest-client';
import { loginAs, startTestHub, type Backend } from './support';

/**
 * A person the hub knows a lot about, for the data-out tests (FEATURES H6): Maria Bianchi (`cu_1`),
 * who chatted (a message with words only she wrote, a text file holding them, an internal note, a
 * tag), was linked to her record, browsed the shop, bought a lamp, and has a note, a task, a tag and
 * a notify-sales notice on her record; and wrote once on WhatsApp, as a sender a rep added as her record.
 */
export const MARIA = { id: 'cu_1', email: 'maria.bianchi@example.com', name: 'Maria Bianchi' };
const MARIA_PHONE = '+390551234567';

export interface Person {
  conversationId: string;
  fileId: string;
  fileBytes: Buffer;
  /** Words only Maria's data holds. */
  secret: string;
}

export async function mariaWithEverything(hub: Hub, anna: RepActor): Promise<Person> {
  const secret = `secret-${randomUUID().slice(0, 8)}`;
  const visitor = await visitorActor(hub);
  const conversationId = await takenConversation(anna, visitor, `My card ends in 4242, ${secret}`);
  const fileBytes = Buffer.from(`Order 1234 for ${MARIA.name}, ${secret}\n`, 'utf8');
  const upload = await fetch(
    `${hub.url}/api/visitor/files?${new URLSearchParams({ name: 'order.txt', clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/cart' })}`,
    { method: 'POST', headers: { 'x-parley-visitor': visitor.token }, body: new Blob([new Uint8Array(fileBytes)]) },
  );
  if (upload.status !== 201) throw new Error(`upload failed: ${upload.status}`);
  const fileId = (await upload.json()).message.attachment.id as string;
  visitor.socket.send({ type: 'track', event: 'page_view', url: 'https://shop.example/maria-only', title: secret });
  await anna.cmd({ type: 'addNote', conversationId, text: `internal: ${secret}` });
  await anna.cmd({ type: 'addTag', conversationId, tag: 'vip' });
  await identify(visitor, MARIA.email, MARIA.name);
  await linkChecked(anna, conversationId, MARIA.id);
  const must = async (request: Record<string, unknown>) => {
    const answer = await crm(anna, request);
    if (answer.op !== request.op) throw new Error(`${String(request.op)} failed: ${answer.message}`);
  };
  await must({ op: 'addNote', contactId: MARIA.id, text: `record note ${secret}` });
  await must({ op: 'addTag', contactId: MARIA.id, tag: `tag-${secret}` });
  await must({ op: 'addTask', contactId: MARIA.id, title: `call ${secret}`, assigneeId: null, dueDate: null });
  await must({ op: 'notifySales', contactId: MARIA.id, conversationId, text: `notice ${secret}` });
  await hub.ctx.db.query(
    `insert into crm_products (id, sku, name, brand, category, price_cents) values ('pr_lamp', 'LAMP-1', 'Oak lamp', 'Oak', 'lighting', 4900)`,
  );
  await hub.ctx.db.query(
    `insert into crm_purchases (id, contact_id, product_id, order_id, price_cents, purchased_at) values ('pu_1', $1, 'pr_lamp', 'order-${secret}', 4900, now())`,
    [MARIA.id],
  );
  // She also wrote on WhatsApp once (FEATURES G2): a sender a rep added as her record, and the webhook's item,
  // already handled by the channels' worker (else the worker may handle it mid-test and change the tables).
  await hub.ctx.db.query(`insert into visitors (id, chat_id, name, phone) values ('v_wa_maria', 'ch_demo', $1, $2)`, [
    MARIA.name,
    MARIA_PHONE,
  ]);
  await hub.ctx.db.query(
    `insert into channel_senders (chat_id, provider, address, visitor_id, contact_id) values ('ch_demo', 'whatsapp', $1, 'v_wa_maria', $2)`,
    [MARIA_PHONE, MARIA.id],
  );
  for (const [id, from, name, text] of [
    ['ci_maria', MARIA_PHONE, MARIA.name, `whatsapp ${secret}`],
    ['ci_other', '+420777000111', 'Petr', 'someone else'],
  ])
    await hub.ctx.db.query(
      `insert into channel_inbound (id, chat_id, provider, provider_id, kind, payload, attempts, processed_at)
       values ($1, 'ch_demo', 'whatsapp', $1, 'message', $2, 1, now())`,
      [
        id,
        JSON.stringify({
          kind: 'message',
          providerId: id,
          from,
          name,
          at: new Date().toISOString(),
          text,
          media: [],
        }),
      ],
    );
  const ended = await anna.cmd({ type: 'endSession', conversationId });
  if (ended.type !== 'ack') throw new Error(`end failed: ${ended.message}`);
  visitor.close();
  return { conversationId, fileId, fileBytes, secret };
}

/** Every text, jsonb and array column of every table (information_schema), and the rows where `needle` occurs in one. */
export async function findEverywhere(db: Db, needle: string): Promise<string[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
      order by 1, 2`,
  );
  if (columns.length < 50) throw new Error(`only ${columns.length} text columns: the scan is not looking`);
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const found: string[] = [];
  // One query per table: for each of its columns, whether any row holds the needle.
  for (const [table, names] of byTable) {
    const checks = names.map((c, i) => `bool_or("${c}"::text ilike $1) as c${i}`).join(', ');
    const [row] = await db.query<Record<string, boolean | null>>(`select ${checks} from "${table}"`, [`%${needle}%`]);
    names.forEach((c, i) => row[`c${i}`] && found.push(`${table}.${c}`));
  }
  return found;
}

/** The stored files (by name) whose bytes hold `needle`. */
export async function filesHolding(dir: string, needle: string): Promise<string[]> {
  const names = await readdir(dir);
  const found: string[] = [];
  for (const name of names) if ((await readFile(join(dir, name))).includes(needle)) found.push(name);
  return found;
}

/**
 * Each test of the calling describe gets a real hub with Maria's data, Anna signed in on a socket and
 * Alex's (super user) token; `call` is a REST call to that hub. Read the fields inside tests.
 */
export function useMariaHub(backend: Backend) {
  const h = {} as {
    t: Awaited<ReturnType<typeof startTestHub>>;
    anna: RepActor;
    maria: Person;
    alexToken: string;
    call: ReturnType<typeof restClient>['call'];
  };
  beforeEach(async () => {
    h.t = await startTestHub(backend);
    h.anna = await repActor(h.t.hub, 'anna@demo.parley.test');
    h.maria = await mariaWithEverything(h.t.hub, h.anna);
    h.alexToken = (await loginAs(h.t.hub.url, 'alex@demo.parley.test')).body.token;
    h.call = restClient(h.t.hub.url).call;
  });
  afterEach(async () => {
    h.anna.close();
    await h.t.stop();
  });
  return h;
}
