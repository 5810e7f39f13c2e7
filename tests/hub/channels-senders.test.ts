import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultBotConfig } from '#hub/bot/defaults';
import { saveBotConfig } from '#hub/bot/store';
import type { RepActor } from './actors';
import { startWithAnna, WA, type ChannelHub } from './channels-support';
import { postMetaWebhook, waMessages, waText } from './fake-providers/whatsapp';
import { BACKENDS } from './support';

/**
 * Who writes on a channel (issue 15, FEATURES C9, E1): matched to a customer-store record by their
 * number in E.164 (spaces and punctuation in the record do not matter); an unknown number arrives marked unknown, and the
 * rep adds the contact (a person from the number and the provider's name) or ignores the sender
 * (archived without routing; later messages kept there, silently). The routing bot never answers.
 */
describe.each(BACKENDS)('channel senders on %s', (backend) => {
  let h: ChannelHub;
  let anna: RepActor;
  let stop: () => Promise<void>;
  beforeEach(async () => {
    ({ h, anna, stop } = await startWithAnna(backend));
  });
  afterEach(async () => stop());

  let n = 0;
  async function writes(waId: string, text: string) {
    const body = waMessages({ waId, name: 'Giulia Rossi' }, [waText(waId, `wamid.s${++n}`, text)]);
    expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body)).status).toBe(200);
    await h.settled();
  }
  const opened = () => anna.socket.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');

  it('matches a sender by their number in E.164 to the record that writes it with spaces, and the bot stays out', async () => {
    const [{ id: annaId }] = await h.t.db.query<{ id: string }>(
      `select id from reps where email = 'anna@demo.parley.test'`,
    );
    await saveBotConfig(h.t.db, 'ch_demo', { ...defaultBotConfig(), enabled: true }, annaId);
    await h.t.db.query(
      `insert into crm_contacts (id, kind, name, phone, phone_key) values ('ct_known', 'person', 'Mario Bianchi', '+39 333 765 4321', '+393337654321')`,
    );
    await writes('393337654321', 'Hi, Mario here');
    const conv = (await opened()).event.conversation;
    expect(conv.sender).toMatchObject({ address: '+393337654321', unknown: false });
    expect(conv.queueId).not.toBeNull(); // routed, not held by the bot
    const authors = await h.t.db.query<{ author: string }>('select author from messages where conversation_id = $1', [
      conv.id,
    ]);
    expect(authors).toEqual([{ author: 'visitor' }]);
  });

  it('adds an unknown sender as a person from their number and name, and knows them from then on', async () => {
    await writes('393331234567', 'Who am I to you?');
    const conv = (await opened()).event.conversation;
    expect(conv.sender.unknown).toBe(true);
    expect((await anna.cmd({ type: 'take', conversationId: conv.id })).type).toBe('ack');
    expect((await anna.cmd({ type: 'addContact', conversationId: conv.id })).type).toBe('ack');
    const [person] = await h.t.db.query<{ id: string; kind: string; name: string; phone: string; phone_key: string }>(
      'select id, kind, name, phone, phone_key from crm_contacts where source_conversation_id = $1',
      [conv.id],
    );
    expect(person).toMatchObject({
      kind: 'person',
      name: 'Giulia Rossi',
      phone: '+393331234567',
      phone_key: '+393331234567',
    });
    const updated = await anna.socket.next(
      (f) =>
        f.type === 'event' && f.event.kind === 'conversation.updated' && f.event.conversation.sender?.unknown === false,
    );
    expect(updated.event.conversation.id).toBe(conv.id);
    const [{ contact_id }] = await h.t.db.query<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [conv.id],
    );
    expect(contact_id).toBe(person.id);
    const again = await anna.cmd({ type: 'addContact', conversationId: conv.id });
    expect(again).toMatchObject({ type: 'error', code: 'conflict' });

    // Handled, then a new message: a new conversation, known.
    expect((await anna.cmd({ type: 'markHandled', conversationId: conv.id })).type).toBe('ack');
    await writes('393331234567', 'Me again');
    const next = (await opened()).event.conversation;
    expect(next.id).not.toBe(conv.id);
    expect(next.sender.unknown).toBe(false);
  });

  it('ignores a sender: archived without routing, and what they send later is kept there without a new conversation', async () => {
    await writes('393339999999', 'Buy cheap followers');
    const conv = (await opened()).event.conversation;
    expect((await anna.cmd({ type: 'ignoreSender', conversationId: conv.id })).type).toBe('ack');
    const archived = await anna.socket.next(
      (f) =>
        f.type === 'event' && f.event.kind === 'conversation.updated' && f.event.conversation.status === 'archived',
    );
    expect(archived.event.conversation).toMatchObject({
      closedReason: 'ignored',
      sender: { ignored: true },
      offeredTo: [],
    });

    await writes('393339999999', 'Still there?');
    const rows = await h.t.db.query<{ id: string; status: string }>('select id, status from conversations');
    expect(rows).toEqual([{ id: conv.id, status: 'archived' }]);
    const texts = await h.t.db.query<{ text: string }>(
      'select text from messages where conversation_id = $1 order by created_at',
      [conv.id],
    );
    expect(texts.map((t) => t.text)).toEqual(['Buy cheap followers', 'Still there?']);
  });

  it('refuses Add contact and Ignore on a web conversation', async () => {
    await writes('393331111111', 'x');
    const conv = (await opened()).event.conversation;
    await h.t.db.query(`update conversations set channel = 'web' where id = $1`, [conv.id]);
    await h.t.db.query('delete from channel_senders');
    expect(await anna.cmd({ type: 'addContact', conversationId: conv.id })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    expect(await anna.cmd({ type: 'ignoreSender', conversationId: conv.id })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
  });
});
