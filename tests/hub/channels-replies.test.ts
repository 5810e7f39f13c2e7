import { afterEach, describe, expect, it } from 'vitest';
import { repActor, type RepActor } from './actors';
import { connectAll, startChannelHub, FB, SMS, type ChannelHub } from './channels-support';
import { messengerText } from './fake-providers/messenger';
import { postTwilioWebhook } from './fake-providers/twilio';
import { postMetaWebhook } from './fake-providers/whatsapp';
import { BACKENDS } from './support';

/**
 * Replies on SMS and Messenger (issue 15, FEATURES G3, G4): one API call each to the provider, with
 * Twilio told to post its status callbacks to the chat's webhook, where a signed "delivered" or
 * "undelivered" (with Twilio's error code) updates the message.
 */
describe.each(BACKENDS)('channel replies on %s', (backend) => {
  let h: ChannelHub;
  let anna: RepActor;
  afterEach(async () => {
    anna.close();
    await h.stop();
  });
  const start = async (meta: 'whatsapp' | 'messenger') => {
    h = await startChannelHub(backend, meta);
    await connectAll(h);
    anna = await repActor(h.t.hub, 'anna@demo.parley.test');
  };
  const firstMessage = async () =>
    (await anna.socket.next((f) => f.type === 'event' && f.event.kind === 'message.created')).event.message;
  const updated = async (id: string) =>
    (
      await anna.socket.next(
        (f) => f.type === 'event' && f.event.kind === 'message.updated' && f.event.message.id === id,
      )
    ).event.message;

  it(
    "replies to an SMS through Twilio once, and shows Twilio's delivered and undelivered callbacks",
    { timeout: 60_000 },
    async () => {
      await start('whatsapp');
      const url = h.hook('sms');
      const inbound = {
        MessageSid: 'SM3',
        AccountSid: SMS.accountSid,
        From: '+14155550100',
        To: SMS.fromNumber,
        Body: 'Hi',
        NumMedia: '0',
      };
      await postTwilioWebhook(url, url, SMS.authToken, inbound);
      const { conversationId } = await firstMessage();

      const one = await anna.cmd({ type: 'send', conversationId, text: 'Hello from the shop' });
      expect((await updated(one.messageId!)).delivery.status).toBe('sent');
      expect(h.twilio.sent()).toEqual([
        {
          to: '+14155550100',
          from: SMS.fromNumber,
          body: 'Hello from the shop',
          statusCallback: url,
          sid: expect.stringMatching(/^SM/),
        },
      ]);
      const sid = h.twilio.sent()[0].sid;
      const status = (s: string, extra: Record<string, string> = {}) =>
        postTwilioWebhook(url, url, SMS.authToken, {
          MessageSid: sid,
          MessageStatus: s,
          AccountSid: SMS.accountSid,
          ...extra,
        });
      expect((await status('delivered')).status).toBe(200);
      expect((await updated(one.messageId!)).delivery.status).toBe('delivered');

      const two = await anna.cmd({ type: 'send', conversationId, text: 'Are you there?' });
      await updated(two.messageId!);
      const sid2 = h.twilio.sent()[1].sid;
      await postTwilioWebhook(url, url, SMS.authToken, {
        MessageSid: sid2,
        MessageStatus: 'undelivered',
        ErrorCode: '30005',
      });
      expect((await updated(two.messageId!)).delivery).toEqual({
        status: 'failed',
        errorCode: '30005',
        errorText: 'Twilio error 30005',
      });
      expect(h.twilio.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    },
  );

  it('replies on Messenger through the Send API to the page-scoped id, once', async () => {
    await start('messenger');
    await postMetaWebhook(
      h.hook('messenger'),
      FB.appSecret,
      messengerText('PSID-9', 'm_in1', 'Do you ship to Prague?'),
    );
    const { conversationId } = await firstMessage();
    const ack = await anna.cmd({ type: 'send', conversationId, text: 'We do.' });
    expect((await updated(ack.messageId!)).delivery.status).toBe('sent');
    expect(h.fb.sent()).toEqual([{ to: 'PSID-9', text: 'We do.', id: 'm_fake1' }]);
    const template = await anna.cmd({
      type: 'sendTemplate',
      conversationId,
      template: { name: 'x', language: 'en' },
      params: [],
    });
    expect(template).toMatchObject({ type: 'error', code: 'not_found' });
  });
});
