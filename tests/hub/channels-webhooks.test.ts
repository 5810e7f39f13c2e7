import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repActor } from './actors';
import { connectAll, startChannelHub, WA, FB, SMS, type ChannelHub } from './channels-support';
import { postMetaWebhook, waMessages, waText } from './fake-providers/whatsapp';
import { messengerText } from './fake-providers/messenger';
import { postTwilioWebhook } from './fake-providers/twilio';
import { LIMITS } from '#protocol';
import { BACKENDS } from './support';

/**
 * Webhooks (issue 15, FEATURES G2–G4): Meta's verification handshake, signed POSTs stored once by
 * the provider's id and answered at once, and every refusal — wrong or missing signature, a body
 * that is not the provider's, an unknown chat — storing nothing.
 */
describe.each(BACKENDS)('channel webhooks on %s', (backend) => {
  let h: ChannelHub;
  beforeEach(async () => {
    h = await startChannelHub(backend);
    await connectAll(h);
  });
  afterEach(async () => h.stop());

  const stored = async () =>
    Number((await h.t.db.query<{ n: string }>('select count(*) as n from channel_inbound'))[0].n);
  const messages = async () =>
    Number((await h.t.db.query<{ n: string }>(`select count(*) as n from messages where author = 'visitor'`))[0].n);

  it("answers Meta's verification handshake with the challenge only for the connection's verify token", async () => {
    const ok = await fetch(
      `${h.hook('whatsapp')}?hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(
      `${h.hook('whatsapp')}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    );
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
    const messenger = await fetch(
      `${h.hook('messenger')}?hub.mode=subscribe&hub.verify_token=${FB.verifyToken}&hub.challenge=42`,
    );
    expect(await messenger.text()).toBe('42');
  });

  it('keeps a customer text longer than one message whole, as marked parts in order, once even when redelivered', async () => {
    const long = Array.from({ length: 1000 }, (_, i) => `parola${i}`).join(' '); // ~8,900 characters
    const body = waMessages({ waId: '393331234567', name: 'Giulia' }, [waText('393331234567', 'wamid.long', long)]);
    for (let i = 0; i < 2; i++)
      expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body)).status).toBe(200);
    await h.settled();
    const rows = await h.t.db.query<{ text: string }>(
      `select text from messages where author = 'visitor' order by created_at, id`,
    );
    expect(rows).toHaveLength(3);
    rows.forEach((r, i) => {
      expect(r.text.length).toBeLessThanOrEqual(LIMITS.messageChars);
      expect(r.text.startsWith(`(${i + 1}/3) `)).toBe(true);
    });
    expect(rows.map((r) => r.text.replace(/^\(\d\/3\) /, '')).join('')).toBe(long);
  });

  it('stores a signed WhatsApp message once, even when Meta delivers it again, and a rep receives it as an unknown sender', async () => {
    const anna = await repActor(h.t.hub, 'anna@demo.parley.test');
    const body = waMessages({ waId: '393331234567', name: 'Giulia' }, [
      waText('393331234567', 'wamid.one', 'Ciao, is my order shipped?'),
    ]);
    const first = await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body);
    expect(first.status).toBe(200);
    const opened = await anna.socket.next((f) => f.type === 'event' && f.event.kind === 'conversation.opened');
    expect(opened.event.conversation).toMatchObject({
      channel: 'whatsapp',
      visitorName: 'Giulia',
      sender: { address: '+393331234567', name: 'Giulia', unknown: true, ignored: false },
    });
    expect(opened.event.conversation.sender.replyWindowClosesAt).toBeTruthy();
    const msg = await anna.socket.next((f) => f.type === 'event' && f.event.kind === 'message.created');
    expect(msg.event.message).toMatchObject({ author: 'visitor', text: 'Ciao, is my order shipped?', pageUrl: null });

    const again = await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body);
    expect(again.status).toBe(200);
    await h.settled();
    expect(await stored()).toBe(1);
    expect(await messages()).toBe(1);
    anna.close();
  });

  it('refuses a wrong or missing X-Hub-Signature-256 with 403 and stores nothing', async () => {
    const body = waMessages({ waId: '393331234567', name: 'G' }, [waText('393331234567', 'wamid.x', 'hi')]);
    expect((await postMetaWebhook(h.hook('whatsapp'), 'not-the-secret', body)).status).toBe(403);
    expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body, null)).status).toBe(403);
    expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body, 'sha256=abc')).status).toBe(403);
    // Signed for Messenger's app, posted to WhatsApp's URL.
    expect((await postMetaWebhook(h.hook('whatsapp'), FB.appSecret, body)).status).toBe(403);
    await h.settled();
    expect(await stored()).toBe(0);
  });

  it('refuses a signed body that is not JSON, or not a WhatsApp webhook, with 400 and stores nothing', async () => {
    const notJson = await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, '{"object": "whatsapp_business_account", ');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);
    const wrongShape = await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, { object: 'page', entry: 'x' });
    expect(wrongShape.status).toBe(400);
    expect(await stored()).toBe(0);
  });

  it('answers 404 for a chat that does not exist or has no such connection, and stores nothing', async () => {
    const body = waMessages({ waId: '393331234567', name: 'G' }, [waText('393331234567', 'wamid.y', 'hi')]);
    expect((await postMetaWebhook(h.hook('whatsapp', 'ch_nope'), WA.appSecret, body)).status).toBe(404);
    await fetch(`${h.t.hub.url}/api/admin/chats/ch_demo/channels/whatsapp`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${h.admin}` },
    });
    expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body)).status).toBe(404);
    expect(await stored()).toBe(0);
  });

  it('stores a signed Messenger message by its mid, once', async () => {
    const body = messengerText('PSID-1', 'm_abc', 'Hello from Messenger');
    expect((await postMetaWebhook(h.hook('messenger'), FB.appSecret, body)).status).toBe(200);
    expect((await postMetaWebhook(h.hook('messenger'), FB.appSecret, body)).status).toBe(200);
    expect((await postMetaWebhook(h.hook('messenger'), WA.appSecret, body)).status).toBe(403);
    await h.settled();
    const rows = await h.t.db.query<{ channel: string; address: string }>(
      `select c.channel, cs.address from conversations c join channel_senders cs on cs.visitor_id = c.visitor_id`,
    );
    expect(rows).toEqual([{ channel: 'messenger', address: 'PSID-1' }]);
    expect(await messages()).toBe(1);
  });

  it("checks Twilio's signature over the hub's public URL and the sorted parameters, and stores an SMS once", async () => {
    const params = {
      MessageSid: 'SM11111111111111111111111111111111',
      AccountSid: SMS.accountSid,
      From: '+14155550100',
      To: SMS.fromNumber,
      Body: 'Text me back',
      NumMedia: '0',
    };
    const url = h.hook('sms');
    expect((await postTwilioWebhook(url, url, SMS.authToken, params)).status).toBe(200);
    expect((await postTwilioWebhook(url, url, SMS.authToken, params)).status).toBe(200);
    expect((await postTwilioWebhook(url, url, 'wrong-token', params)).status).toBe(403);
    expect((await postTwilioWebhook(url, url, SMS.authToken, params, null)).status).toBe(403);
    // Signed for another URL (as if Twilio called some other address).
    expect((await postTwilioWebhook(url, `${url}/other`, SMS.authToken, params)).status).toBe(403);
    // A body changed after signing.
    expect(
      (
        await postTwilioWebhook(
          url,
          url,
          SMS.authToken,
          params,
          undefined,
          new URLSearchParams({ ...params, Body: 'changed' }).toString(),
        )
      ).status,
    ).toBe(403);
    // Signed, but not a message webhook at all.
    expect((await postTwilioWebhook(url, url, SMS.authToken, { Foo: 'bar' })).status).toBe(400);
    await h.settled();
    expect(await stored()).toBe(1);
    const [conv] = await h.t.db.query<{ channel: string }>('select channel from conversations');
    expect(conv.channel).toBe('sms');
  });
});
