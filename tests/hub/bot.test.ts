import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_LANGS, PROTOCOL_VERSION, type BotConfig, type BotLang } from '../../protocol';
import { defaultBotConfig } from '../../hub/src/bot/defaults';
import { connect, loginAs, startTestHub, wsUrl, type TestSocket } from './support';

/**
 * The routing bot in a real hub (SPEC F1–F4), driven by real visitor sockets: every branch in every
 * language, with what it did checked in the database (queue, owner, tags, contact, the lead in the
 * customer store), and the cases where it must stay silent. Settings go in through the super-user REST.
 */

let t: Awaited<ReturnType<typeof startTestHub>>;
let admin: string;
let visitorN = 0;
const reps: TestSocket[] = [];

beforeAll(async () => {
  t = await startTestHub();
  admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  await t.db.query(`insert into queues (id, chat_id, name) values ('q_sales', 'ch_demo', 'Sales')`);
  await t.db.query(`insert into queue_members (queue_id, rep_id, position) values ('q_sales', 'r_ben', 0)`);
  // A distribution pool for the bot's leads (SPEC E5): Anna, then Ben, in turn.
  await t.db.query(`insert into crm_pools (id, name) values ('pool_web', 'Web sales')`);
  await t.db.query(`insert into crm_pool_members (pool_id, rep_id, position) values ('pool_web', 'r_anna', 0), ('pool_web', 'r_ben', 1)`);
  // Anna and Ben online, so routing has someone to offer to once the bot hands over.
  for (const email of ['anna@demo.parley.test', 'ben@demo.parley.test']) {
    const rep = await connect(wsUrl(t.hub.url, '/ws/rep'));
    rep.send({ type: 'hello', v: PROTOCOL_VERSION, token: (await loginAs(t.hub.url, email)).body.token, lastEventId: 0 });
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

const putBot = (config: unknown, token = admin) =>
  fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, { method: 'PUT', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(config) });
const getBot = async () => (await (await fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, { headers: { authorization: `Bearer ${admin}` } })).json()).config as BotConfig;

async function configure(change: (c: BotConfig) => BotConfig) {
  const res = await putBot(change({ ...defaultBotConfig(), enabled: true }));
  expect(res.status).toBe(204);
}

/** A new anonymous visitor, welcomed, speaking `lang`. */
async function visitor(lang: BotLang) {
  const id = `bot-visitor-${++visitorN}-${lang}`;
  const ws = await connect(wsUrl(t.hub.url, '/ws/visitor'));
  ws.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop', visitorId: id, lang });
  await ws.next((f) => f.type === 'welcome');
  let n = 0;
  const cid = () => `${id}-msg-${++n}`.slice(-60);
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
    botLine: () => ws.next((f) => f.type === 'message' && f.message.author === 'system', 10_000).then((f) => f.message.text as string),
    choices: () => ws.next((f) => f.type === 'bot', 10_000).then((f) => f.choices as Array<{ id: string; label: string }>),
  };
}

const conversationOf = async (visitorId: string) =>
  (
    await t.db.query<{ id: string; status: string; queue_id: string | null; owner_id: string | null; offered_to: string[]; tags: string[]; closed_reason: string | null }>(
      'select id, status, queue_id, owner_id, offered_to, tags, closed_reason from conversations where visitor_id = $1 order by created_at desc limit 1',
      [visitorId],
    )
  )[0];
const runOf = async (conversationId: string) => (await t.db.query<{ state: { step: string; outcome?: string }; lead_id: string | null; answers: unknown }>('select state, lead_id, answers from bot_runs where conversation_id = $1', [conversationId]))[0];
const emailOf = async (visitorId: string) => (await t.db.query<{ email: string | null }>('select email from visitors where id = $1', [visitorId]))[0].email;

describe('routing bot, every branch in every language', () => {
  for (const lang of BOT_LANGS) {
    describe(lang, () => {
      it('asks first, in this language, with yes / no / a person; the conversation is held from routing meanwhile', async () => {
        await configure((c) => c);
        const wording = (await getBot()).wording;
        const v = await visitor(lang);
        await v.say('Hello');
        expect(await v.botLine()).toBe(wording.askCustomer[lang]);
        expect(await v.choices()).toEqual((['yes', 'no', 'person'] as const).map((id) => ({ id, label: wording[id][lang] })));
        const conv = await conversationOf(v.id);
        expect(conv).toMatchObject({ status: 'pending', queue_id: null, offered_to: [] });
        expect((await runOf(conv.id)).state).toEqual({ step: 'askCustomer' });
        v.ws.close();
      });

      it('yes → contact details → routed to the configured queue', async () => {
        await configure((c) => ({ ...c, customerRoute: { kind: 'queue', queueId: 'q_sales' } }));
        const { wording } = await getBot();
        const v = await visitor(lang);
        await v.say('Hi');
        await v.botLine();
        expect(await v.press('yes')).toMatchObject({ type: 'ack' });
        expect(await v.botLine()).toBe(wording.askContact[lang]);
        await v.say('not an email');
        expect(await v.botLine()).toBe(wording.contactInvalid[lang]);
        await v.say(` Customer.${lang}@Example.TEST `);
        expect(await v.botLine()).toBe(wording.handingOver[lang]);
        const conv = await conversationOf(v.id);
        expect(conv).toMatchObject({ status: 'pending', queue_id: 'q_sales', offered_to: ['r_ben'] });
        expect(await emailOf(v.id)).toBe(`customer.${lang}@example.test`);
        expect((await runOf(conv.id)).state).toEqual({ step: 'done', outcome: 'customer' });
        v.ws.close();
      });

      it('yes → contact details → straight to the configured rep', async () => {
        await configure((c) => ({ ...c, customerRoute: { kind: 'rep', repId: 'r_anna' } }));
        const v = await visitor(lang);
        await v.say('Hi');
        await v.botLine();
        await v.press('yes');
        await v.botLine();
        await v.say(`rep.${lang}@example.test`);
        await v.botLine();
        expect(await conversationOf(v.id)).toMatchObject({ status: 'active', owner_id: 'r_anna' });
        v.ws.close();
      });

      it('yes → contact details → pointed to another channel; the chat ends', async () => {
        await configure((c) => ({ ...c, customerRoute: { kind: 'channel', channel: 'web', value: 'https://help.example/contact' } }));
        const { wording } = await getBot();
        const v = await visitor(lang);
        await v.say('Hi');
        await v.botLine();
        await v.press('yes');
        await v.botLine();
        await v.say(`channel.${lang}@example.test`);
        expect(await v.botLine()).toBe(wording.pointToChannel[lang].replace('{value}', 'https://help.example/contact'));
        await v.ws.next((f) => f.type === 'ended' && f.reason === 'ended');
        expect(await conversationOf(v.id)).toMatchObject({ status: 'closed', closed_reason: 'ended' });
        // Writing again is an ordinary conversation for the chat's queue, and the bot stays silent.
        await v.say('One more thing');
        expect(await conversationOf(v.id)).toMatchObject({ status: 'pending', queue_id: 'q_demo' });
        v.ws.close();
      });

      it('no → the qualification questions → sales queue, tags, and the lead in the customer store, from chat, for the pool', async () => {
        await configure((c) => ({ ...c, followUp: { salesQueueId: 'q_sales', tags: ['web-lead', 'bot'], createLead: true, leadAssign: { kind: 'pool', poolId: 'pool_web' } } }));
        const [{ turns }] = await t.db.query<{ turns: string }>(`select turns from crm_pools where id = 'pool_web'`);
        const owner = Number(turns) % 2 === 0 ? 'r_anna' : 'r_ben'; // round robin: the pool's next member
        const config = await getBot();
        const v = await visitor(lang);
        await v.say('Hi');
        await v.botLine();
        expect(await v.choices()).toHaveLength(3);
        await v.press('no');
        expect(await v.botLine()).toBe(config.questions[0].text[lang]);
        expect(await v.choices()).toEqual([{ id: 'person', label: config.wording.person[lang] }]);
        await v.say('A walnut desk lamp');
        expect(await v.botLine()).toBe(config.questions[1].text[lang]);
        await v.say(`Lead.${lang}@Example.test`);
        expect(await v.botLine()).toBe(config.wording.qualifyDone[lang]);
        expect(await v.choices()).toEqual([]);
        const conv = await conversationOf(v.id);
        expect(conv).toMatchObject({ status: 'pending', queue_id: 'q_sales', offered_to: ['r_ben'], tags: ['bot', 'web-lead'] });
        const run = await runOf(conv.id);
        expect(run.state).toEqual({ step: 'done', outcome: 'lead' });
        const [lead] = await t.db.query('select kind, email, name, owner_id, source, source_conversation_id, created_by from crm_contacts where id = $1', [run.lead_id]);
        expect(lead).toEqual({
          kind: 'lead', email: `lead.${lang}@example.test`, name: `lead.${lang}@example.test`, owner_id: owner, source: 'chat', source_conversation_id: conv.id, created_by: null,
        });
        // The answers are the lead's note; the owner is told, in the event log, by the bot.
        const notes = await t.db.query<{ text: string }>('select text from crm_notes where contact_id = $1', [run.lead_id]);
        expect(notes.map((n) => n.text)).toEqual([`${config.questions[0].text[lang]} A walnut desk lamp\n${config.questions[1].text[lang]} Lead.${lang}@Example.test`]);
        const [told] = await t.db.query<{ audience: string[]; payload: any }>(
          `select audience, payload from events where payload->>'kind' = 'crm.notification' and payload->'notification'->'contact'->>'id' = $1`, [run.lead_id]);
        expect(told.audience).toEqual([owner]);
        expect(told.payload.notification).toMatchObject({ reason: 'lead_assigned', from: { name: config.wording.botName[lang] }, conversationId: conv.id });
        expect(run.answers).toEqual([
          { questionId: 'need', answer: 'A walnut desk lamp' },
          { questionId: 'email', answer: `Lead.${lang}@Example.test` },
        ]);
        v.ws.close();
      });

      it('a person, asked for mid-way: the default queue, no lead, no tags', async () => {
        await configure((c) => c);
        const { wording } = await getBot();
        const v = await visitor(lang);
        await v.say('Hi');
        await v.botLine();
        await v.press('no');
        await v.botLine();
        await v.press('person');
        expect(await v.botLine()).toBe(wording.personRequested[lang]);
        const conv = await conversationOf(v.id);
        expect(conv).toMatchObject({ status: 'pending', queue_id: 'q_demo', tags: [] });
        // Offered by the queue's strategy (broadcast) to whoever has room: Anna fills up with the rep-routed chats above.
        expect(conv.offered_to).toContain('r_ben');
        expect((await runOf(conv.id)).lead_id).toBeNull();
        v.ws.close();
      });
    });
  }
});

describe("routing bot's lead in the customer store", () => {
  /** Through the questions ("need", then "email") to the end; resolves with the bot run. */
  async function qualify(answers: [string, string]) {
    const v = await visitor('en');
    await v.say('Hi');
    await v.botLine();
    await v.press('no');
    await v.botLine();
    await v.say(answers[0]);
    await v.botLine();
    await v.say(answers[1]);
    await v.botLine();
    const conv = await conversationOf(v.id);
    v.ws.close();
    return { conv, run: await runOf(conv.id) };
  }

  it('goes to the owner the settings name; a second conversation with the same email is linked to it, not duplicated', async () => {
    await configure((c) => ({ ...c, followUp: { ...c.followUp, leadAssign: { kind: 'owner', ownerId: 'r_ben' } } }));
    const first = await qualify(['Chairs', 'chairs@example.test']);
    const [lead] = await t.db.query('select owner_id, source, source_conversation_id from crm_contacts where id = $1', [first.run.lead_id]);
    expect(lead).toEqual({ owner_id: 'r_ben', source: 'chat', source_conversation_id: first.conv.id });
    const second = await qualify(['More chairs', 'Chairs@Example.test']);
    expect(second.run.lead_id).toBe(first.run.lead_id);
    expect((await t.db.query(`select id from crm_contacts where email = 'chairs@example.test'`)).length).toBe(1);
  });

  it('unassigned when the settings name no one; nothing at all without an email (records are matched by email)', async () => {
    await configure((c) => ({ ...c, followUp: { ...c.followUp, leadAssign: null } }));
    const unassigned = await qualify(['Tables', 'tables@example.test']);
    expect((await t.db.query('select owner_id from crm_contacts where id = $1', [unassigned.run.lead_id]))[0]).toEqual({ owner_id: null });
    const before = (await t.db.query('select id from crm_contacts')).length;
    const anonymous = await qualify(['Tables', 'rather not say']);
    expect(anonymous.run.lead_id).toBeNull();
    expect((await t.db.query('select id from crm_contacts')).length).toBe(before);
  });

  it('settings naming an owner who cannot own leads, or a pool that does not exist or is empty, are refused', async () => {
    await t.db.query(`insert into crm_pools (id, name) values ('pool_empty', 'Nobody') on conflict do nothing`);
    for (const leadAssign of [{ kind: 'owner', ownerId: 'r_nobody' }, { kind: 'owner', ownerId: 'r_sara' }, { kind: 'pool', poolId: 'pool_nope' }, { kind: 'pool', poolId: 'pool_empty' }]) {
      const res = await putBot({ ...defaultBotConfig(), enabled: true, followUp: { ...defaultBotConfig().followUp, leadAssign } });
      expect(res.status, JSON.stringify(leadAssign)).toBe(400);
    }
  });
});

describe('routing bot stays silent', () => {
  it('on an ongoing conversation (started before the bot was turned on)', async () => {
    await configure((c) => ({ ...c, enabled: false }));
    const v = await visitor('en');
    await v.say('Before the bot');
    await configure((c) => c);
    await v.say('After the bot was turned on');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeUndefined();
    expect(conv).toMatchObject({ queue_id: 'q_demo' });
    const bodies = await t.db.query<{ author: string }>('select author from messages where conversation_id = $1', [conv.id]);
    expect(bodies.map((b) => b.author)).toEqual(['visitor', 'visitor']);
    v.ws.close();
  });

  it('for an identified visitor (gave an email before writing)', async () => {
    await configure((c) => c);
    const v = await visitor('it');
    v.ws.send({ type: 'identify', email: 'known@example.test' });
    await v.ws.next((f) => f.type === 'identified');
    await v.say('Ciao');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeUndefined();
    expect(conv).toMatchObject({ status: 'pending', queue_id: 'q_demo' });
    v.ws.close();
  });

  it('but not for a visitor who gave only a name: they are still anonymous (no email), so the bot greets them', async () => {
    await configure((c) => c);
    const v = await visitor('cs');
    v.ws.send({ type: 'identify', name: 'Jana' });
    expect(await v.ws.next((f) => f.type === 'identified')).toEqual({ type: 'identified', name: 'Jana' });
    await v.say('Ahoj');
    const conv = await conversationOf(v.id);
    expect(await runOf(conv.id)).toBeDefined();
    expect((await t.db.query('select name, email from visitors where id = $1', [v.id]))[0]).toEqual({ name: 'Jana', email: null });
    v.ws.close();
  });

  it('when turned off for the chat', async () => {
    await configure((c) => ({ ...c, enabled: false }));
    const v = await visitor('de');
    await v.say('Hallo');
    expect(await runOf((await conversationOf(v.id)).id)).toBeUndefined();
    v.ws.close();
  });

  it('refuses a button it is not offering, and a button with no bot running; nothing is stored', async () => {
    await configure((c) => c);
    const v = await visitor('pl');
    expect(await v.press('yes')).toMatchObject({ type: 'error', code: 'conflict' });
    await v.say('Cześć');
    await v.botLine();
    await v.press('no');
    await v.botLine();
    expect(await v.press('yes')).toMatchObject({ type: 'error', code: 'conflict' });
    const conv = await conversationOf(v.id);
    expect((await t.db.query('select 1 from messages where conversation_id = $1 and author = $2', [conv.id, 'visitor'])).length).toBe(2);
    v.ws.close();
  });
});

describe('bot settings REST (super users only)', () => {
  it('refuses reps and supervisors, bad bodies and unknown targets, and changes nothing', async () => {
    await configure((c) => c);
    const before = await getBot();
    const rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    const observer = (await loginAs(t.hub.url, 'sara@demo.parley.test')).body.token;
    expect((await putBot({ ...before, enabled: false }, rep)).status).toBe(403);
    expect((await putBot({ ...before, enabled: false }, observer)).status).toBe(403);
    expect((await fetch(`${t.hub.url}/api/admin/chats/ch_demo/bot`, { headers: { authorization: `Bearer ${rep}` } })).status).toBe(403);
    const bad: Array<[unknown, number]> = [
      [{ ...before, wording: { ...before.wording, yes: { ...before.wording.yes, cs: '  ' } } }, 400],
      [{ ...before, questions: [before.questions[0], before.questions[0]] }, 400],
      [{ ...before, customerRoute: { kind: 'queue', queueId: 'q_nowhere' } }, 400],
      [{ ...before, customerRoute: { kind: 'rep', repId: 'r_sara' } }, 400],
      [{ ...before, followUp: { ...before.followUp, salesQueueId: 'q_nowhere' } }, 400],
      [{ ...before, extra: 'x'.repeat(300 * 1024) }, 413],
    ];
    for (const [body, status] of bad) {
      const res = await putBot(body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(status);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect(await getBot()).toEqual(before);
    expect((await fetch(`${t.hub.url}/api/admin/chats/ch_nowhere/bot`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
  });
});
