import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepActor } from './actors';
import { customerWrites as customerWrites_, startWithAnna, WA, WA_TEMPLATE, type ChannelHub } from './channels-support';
import { postMetaWebhook, waStatus } from './fake-providers/whatsapp';
import { BACKENDS } from './support';

/**
 * Replies on WhatsApp (issue 15, FEATURES G2): through the durable outbox to the provider's API once
 * each and in order (a long outage: channels-outage.test.ts), never retried when it refuses
 * (the message says "not sent" with its reason); status callbacks that only move forward; and the
 * 24-hour window, outside which free text is refused before sending and a template still goes.
 */
describe.each(BACKENDS)('channel outbox on %s', (backend) => {
  let h: ChannelHub;
  let anna: RepActor;
  let stop: () => Promise<void>;
  beforeEach(async () => {
    ({ h, anna, stop } = await startWithAnna(backend));
  });
  afterEach(async () => stop());

  const customerWrites = (text: string, hoursAgo = 0) => customerWrites_(h, anna, text, hoursAgo);
  const delivery = (messageId: string) =>
    anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'message.updated' && f.event.message.id === messageId,
    );

  it('sends a reply once through the WhatsApp API and shows it sent, then delivered when Meta says so', async () => {
    const conversationId = await customerWrites('Is my order shipped?');
    const ack = await anna.cmd({ type: 'send', conversationId, text: 'Yes, it left today.' });
    expect(ack.type).toBe('ack');
    const sent = await delivery(ack.messageId!);
    expect(sent.event.message.delivery).toEqual({ status: 'sent', errorCode: null, errorText: null });
    expect(h.wa.sent()).toEqual([
      { to: '393331234567', text: 'Yes, it left today.', template: null, id: 'wamid.fake1' },
    ]);

    expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, waStatus('wamid.fake1', 'delivered'))).status).toBe(
      200,
    );
    expect((await delivery(ack.messageId!)).event.message.delivery.status).toBe('delivered');
  });

  it("does not retry a reply the provider refuses (4xx) and shows it not sent with the provider's reason", async () => {
    const conversationId = await customerWrites('Anyone?');
    h.wa.refuseWith = { status: 400, code: 131026, message: 'Message undeliverable' };
    const ack = await anna.cmd({ type: 'send', conversationId, text: 'We are here.' });
    const updated = await delivery(ack.messageId!);
    expect(updated.event.message.delivery).toEqual({
      status: 'not_sent',
      errorCode: '131026',
      errorText: 'Message undeliverable',
    });
    await new Promise((r) => setTimeout(r, 1500)); // a timer pass or two
    expect(h.wa.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it(
    'moves a status only forward, whatever order and however often the callbacks come, and a failure stays with its code',
    { timeout: 60_000 },
    async () => {
      const conversationId = await customerWrites('Status test');
      const first = await anna.cmd({ type: 'send', conversationId, text: 'one' });
      await delivery(first.messageId!);
      for (const s of ['read', 'delivered', 'sent', 'read'])
        expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, waStatus('wamid.fake1', s))).status).toBe(200);
      await h.settled();
      const second = await anna.cmd({ type: 'send', conversationId, text: 'two' });
      await delivery(second.messageId!);
      const error = { code: 131049, title: 'Not delivered', message: 'Meta chose not to deliver this message' };
      await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, waStatus('wamid.fake2', 'failed', error));
      await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, waStatus('wamid.fake2', 'delivered'));
      await h.settled();
      const rows = await h.t.db.query<{
        text: string;
        delivery_status: string;
        delivery_error_code: string | null;
        delivery_error_text: string | null;
      }>(
        `select text, delivery_status, delivery_error_code, delivery_error_text from messages where author = 'rep' order by created_at`,
      );
      expect(rows).toEqual([
        { text: 'one', delivery_status: 'read', delivery_error_code: null, delivery_error_text: null },
        { text: 'two', delivery_status: 'failed', delivery_error_code: '131049', delivery_error_text: error.message },
      ]);
      // Each callback was stored once: the second "read" added nothing.
      const [{ n }] = await h.t.db.query<{ n: string }>(
        `select count(*) as n from channel_inbound where kind = 'status'`,
      );
      expect(Number(n)).toBe(5);
    },
  );

  it("refuses free text outside WhatsApp's 24-hour window before sending, and sends an approved template instead", async () => {
    const conversationId = await customerWrites('Old question', 25);
    const refused = await anna.cmd({ type: 'send', conversationId, text: 'Sorry for the wait!' });
    expect(refused).toMatchObject({ type: 'error', code: 'conflict' });
    expect(refused.message).toMatch(/24 hours.*template/);
    const [{ n }] = await h.t.db.query<{ n: string }>(`select count(*) as n from messages where author = 'rep'`);
    expect(Number(n)).toBe(0);

    const reqId = 'templates-1';
    anna.socket.send({ type: 'channelTemplates', reqId, conversationId });
    const list = await anna.socket.next((f) => f.reqId === reqId);
    expect(list).toMatchObject({ type: 'channelTemplates', templates: [WA_TEMPLATE] });
    const missing = await anna.cmd({
      type: 'sendTemplate',
      conversationId,
      template: { name: WA_TEMPLATE.name, language: 'en' },
      params: ['Giulia'],
    });
    expect(missing).toMatchObject({ type: 'error', code: 'bad_frame' });
    const ok = await anna.cmd({
      type: 'sendTemplate',
      conversationId,
      template: { name: WA_TEMPLATE.name, language: 'en' },
      params: ['Giulia', 'A-1042'],
    });
    expect(ok.type).toBe('ack');
    const sent = await delivery(ok.messageId!);
    expect(sent.event.message).toMatchObject({
      text: 'Hello Giulia, your order A-1042 has shipped.',
      template: { name: 'order_update', language: 'en' },
      delivery: { status: 'sent' },
    });
    expect(h.wa.sent()).toEqual([{ to: '393331234567', text: null, template: 'order_update', id: 'wamid.fake1' }]);
  });
});
