import { afterAll, beforeAll, expect } from 'vitest';
import { PROTOCOL_VERSION, type BotConfig, type BotLang } from '#protocol';
import { defaultBotConfig } from '#hub/bot/defaults';
import { connect, loginAs, startTestHub, wsUrl, type TestSocket } from './support';

/** The routing bot's tests' shared set-up: a real hub, its super user's token, and helpers to drive visitors. */

export let t: Awaited<ReturnType<typeof startTestHub>>;
export let admin: string;
let visitorN = 0;
const reps: TestSocket[] = [];

/** Starts the bot's hub (a sales queue, a lead pool, Anna and Ben online) for the calling test file. */
export function useBotHub() {
  beforeAll(async () => {
    t = await startTestHub();
    admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    await t.db.query(`insert into queues (id, chat_id, name) values ('q_sales', 'ch_demo', 'Sales')`);
    await t.db.query(`insert into queue_members (queue_id, rep_id, position) values ('q_sales', 'r_ben', 0)`);
    // A distribution pool for the bot's leads (FEATURES E5): Anna, then Ben, in turn.
    await t.db.query(`insert into crm_pools (id, name) values ('pool_web', 'Web sales')`);
    await t.db.query(
      `insert into crm_pool_members (pool_id, rep_id, position) values ('pool_web', 'r_anna', 0), ('pool_web', 'r_ben', 1)`,
    );
    // Anna and Ben online, so routing has someone to offer to once the bot hands over.
    for (const email of ['anna@demo.parley.test', 'ben@demo.parley.test']) {
      const rep = await connect(wsUrl(t.hub.url, '/ws/rep'));
      rep.send({
        type: 'hello',
        v: PROTOCOL_VERSION,
        token: (await loginAs(t.hub.url, email)).body.token,
        lastEventId: 0,
      });
      await rep.next((f) => f.type === 'synced');
      rep.send({ type: 'setStatus', reqId: 'online', clientId: `online-${email.slice(0, 4)}`, status: 'online' });
      await rep.next((f) => f.reqId === 'online');
      reps.push(rep);
    }
  });
  afterAll(async () => {
    reps.forEach((r) => r.close());
    await t?.stop();
  });
}

export const putBot = (config: unknown, token = admin) =>
  fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(config),
  });
export const getBot = async () =>
  (
    await (
      await fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()
  ).config as BotConfig;

export async function configure(change: (c: BotConfig) => BotConfig) {
  const res = await putBot(change({ ...defaultBotConfig(), enabled: true }));
  expect(res.status).toBe(204);
}

/** A new anonymous visitor, welcomed, speaking `lang`. */
export async function visitor(lang: BotLang) {
  const ws = await connect(wsUrl(t.hub.url, '/ws/visitor'));
  ws.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', lang });
  const { visitorId: id } = await ws.next((f) => f.type === 'welcome');
  let n = 0;
  const cid = () => `bot-visitor-${++visitorN}-${lang}-msg-${++n}`;
  return {
    id,
    ws,
    async say(text: string) {
      const clientId = cid();
      ws.send({ type: 'send', clientId, text, pageUrl: 'https://shop.example/' });
      await ws.next((f) => f.type === 'ack' && f.clientId === clientId);
    },
    async press(choice: 'yes' | 'no' | 'person') {
      const clientId = cid();
      ws.send({ type: 'botChoice', clientId, choice, pageUrl: 'https://shop.example/' });
      return ws.next((f) => (f.type === 'ack' && f.clientId === clientId) || f.type === 'error');
    },
    /** The next bot line (a system message). */
    botLine: () =>
      ws
        .next((f) => f.type === 'message' && f.message.author === 'system', 10_000)
        .then((f) => f.message.text as string),
    choices: () =>
      ws.next((f) => f.type === 'bot', 10_000).then((f) => f.choices as Array<{ id: string; label: string }>),
  };
}

export const conversationOf = async (visitorId: string) =>
  (
    await t.db.query<{
      id: string;
      status: string;
      queue_id: string | null;
      owner_id: string | null;
      offered_to: string[];
      tags: string[];
      closed_reason: string | null;
    }>(
      'select id, status, queue_id, owner_id, offered_to, tags, closed_reason from conversations where visitor_id = $1 order by created_at desc limit 1',
      [visitorId],
    )
  )[0];
export const runOf = async (conversationId: string) =>
  (
    await t.db.query<{ state: { step: string; outcome?: string }; lead_id: string | null; answers: unknown }>(
      'select state, lead_id, answers from bot_runs where conversation_id = $1',
      [conversationId],
    )
  )[0];
export const emailOf = async (visitorId: string) =>
  (await t.db.query<{ email: string | null }>('select email from visitors where id = $1', [visitorId]))[0].email;
