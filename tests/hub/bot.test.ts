import { describe, expect, it } from 'vitest';
import { BOT_LANGS } from '#protocol';
import { defaultBotConfig } from '#hub/bot/defaults';
import { configure, conversationOf, emailOf, getBot, putBot, runOf, t, useBotHub, visitor } from './bot.harness';

/**
 * The routing bot in a real hub (FEATURES F1–F4), driven by real visitor sockets: every branch in every
 * language, with what it did checked in the database (queue, owner, tags, contact, the lead in the
 * customer store), and the cases where it must stay silent. Settings go in through the super-user REST.
 */

useBotHub();

describe('routing bot, every branch in every language', () => {
  for (const lang of BOT_LANGS) {
    describe(lang, () => {
      it('asks first, in this language, with yes / no / a person; the conversation is held from routing meanwhile', async () => {
        await configure((c) => c);
        const wording = (await getBot()).wording;
        const v = await visitor(lang);
        await v.say('Hello');
        expect(await v.botLine()).toBe(wording.askCustomer[lang]);
        expect(await v.choices()).toEqual(
          (['yes', 'no', 'person'] as const).map((id) => ({ id, label: wording[id][lang] })),
        );
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
        await configure((c) => ({
          ...c,
          customerRoute: { kind: 'channel', channel: 'web', value: 'https://help.example/contact' },
        }));
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
        await configure((c) => ({
          ...c,
          followUp: {
            salesQueueId: 'q_sales',
            tags: ['web-lead', 'bot'],
            createLead: true,
            leadAssign: { kind: 'pool', poolId: 'pool_web' },
          },
        }));
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
        expect(conv).toMatchObject({
          status: 'pending',
          queue_id: 'q_sales',
          offered_to: ['r_ben'],
          tags: ['bot', 'web-lead'],
        });
        const run = await runOf(conv.id);
        expect(run.state).toEqual({ step: 'done', outcome: 'lead' });
        const [lead] = await t.db.query(
          'select kind, email, name, owner_id, source, source_conversation_id, created_by from crm_contacts where id = $1',
          [run.lead_id],
        );
        expect(lead).toEqual({
          kind: 'lead',
          email: `lead.${lang}@example.test`,
          name: `lead.${lang}@example.test`,
          owner_id: owner,
          source: 'chat',
          source_conversation_id: conv.id,
          created_by: null,
        });
        // The answers are the lead's note; the owner is told, in the event log, by the bot.
        const notes = await t.db.query<{ text: string }>('select text from crm_notes where contact_id = $1', [
          run.lead_id,
        ]);
        expect(notes.map((n) => n.text)).toEqual([
          `${config.questions[0].text[lang]} A walnut desk lamp\n${config.questions[1].text[lang]} Lead.${lang}@Example.test`,
        ]);
        const [told] = await t.db.query<{ audience: string[]; payload: any }>(
          `select audience, payload from events where payload->>'kind' = 'crm.notification' and payload->'notification'->'contact'->>'id' = $1`,
          [run.lead_id],
        );
        expect(told.audience).toEqual([owner]);
        expect(told.payload.notification).toMatchObject({
          reason: 'lead_assigned',
          from: { name: config.wording.botName[lang] },
          conversationId: conv.id,
        });
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

  it('goes to the owner the settings name and belongs to its conversation; a second conversation with the same typed email neither duplicates nor links it', async () => {
    await configure((c) => ({ ...c, followUp: { ...c.followUp, leadAssign: { kind: 'owner', ownerId: 'r_ben' } } }));
    const first = await qualify(['Chairs', 'chairs@example.test']);
    const [lead] = await t.db.query('select owner_id, source, source_conversation_id from crm_contacts where id = $1', [
      first.run.lead_id,
    ]);
    expect(lead).toEqual({ owner_id: 'r_ben', source: 'chat', source_conversation_id: first.conv.id });
    const second = await qualify(['More chairs', 'Chairs@Example.test']);
    // A typed email is a claim (issue 14): the second conversation only suggests the record to its rep.
    expect(second.run.lead_id).toBeNull();
    expect((await t.db.query(`select id from crm_contacts where email = 'chairs@example.test'`)).length).toBe(1);
    const links = await t.db.query<{ id: string; contact_id: string | null }>(
      'select id, contact_id from conversations where id = any($1) order by created_at',
      [[first.conv.id, second.conv.id]],
    );
    expect(links).toEqual([
      { id: first.conv.id, contact_id: first.run.lead_id },
      { id: second.conv.id, contact_id: null },
    ]);
  });

  it('unassigned when the settings name no one; nothing at all without an email (records are matched by email)', async () => {
    await configure((c) => ({ ...c, followUp: { ...c.followUp, leadAssign: null } }));
    const unassigned = await qualify(['Tables', 'tables@example.test']);
    expect((await t.db.query('select owner_id from crm_contacts where id = $1', [unassigned.run.lead_id]))[0]).toEqual({
      owner_id: null,
    });
    const before = (await t.db.query('select id from crm_contacts')).length;
    const anonymous = await qualify(['Tables', 'rather not say']);
    expect(anonymous.run.lead_id).toBeNull();
    expect((await t.db.query('select id from crm_contacts')).length).toBe(before);
  });

  it('settings naming an owner who cannot own leads, or a pool that does not exist or is empty, are refused', async () => {
    await t.db.query(`insert into crm_pools (id, name) values ('pool_empty', 'Nobody') on conflict do nothing`);
    for (const leadAssign of [
      { kind: 'owner', ownerId: 'r_nobody' },
      { kind: 'owner', ownerId: 'r_sara' },
      { kind: 'pool', poolId: 'pool_nope' },
      { kind: 'pool', poolId: 'pool_empty' },
    ]) {
      const res = await putBot({
        ...defaultBotConfig(),
        enabled: true,
        followUp: { ...defaultBotConfig().followUp, leadAssign },
      });
      expect(res.status, JSON.stringify(leadAssign)).toBe(400);
    }
  });
});
