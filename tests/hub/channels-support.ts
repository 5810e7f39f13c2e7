import { randomBytes } from 'node:crypto';
import type { HubOptions } from '#hub/server';
import type { ChannelSettings } from '#hub/channels/settings';
import { expect } from 'vitest';
import { repActor, type RepActor } from './actors';
import { loginAs, startTestHub, type Backend } from './support';
import { startFakeTwilio, type FakeTwilio } from './fake-providers/twilio';
import { postMetaWebhook, startFakeWhatsApp, waMessages, waText, type FakeWhatsApp } from './fake-providers/whatsapp';
import { startFakeMessenger, type FakeMessenger } from './fake-providers/messenger';

/**
 * A hub with messaging channels (issue 15) against the fake providers: the demo chat connected to
 * WhatsApp, Messenger and SMS by a super user through the REST routes, each provider's API a fake on
 * loopback, and a short send back-off so an outage of a few seconds is a test, not a wait.
 */

export const WA = {
  phoneNumberId: 'PHONE_ID',
  accessToken: 'wa-token-1',
  appSecret: 'wa-app-secret',
  verifyToken: 'wa-verify',
};
export const FB = {
  pageId: 'PAGE_ID',
  pageToken: 'fb-page-token',
  appSecret: 'fb-app-secret',
  verifyToken: 'fb-verify',
};
export const SMS = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: 'twilio-token',
  fromNumber: '+15005550006',
};
export const WA_TEMPLATE = { name: 'order_update', language: 'en', body: 'Hello {{1}}, your order {{2}} has shipped.' };

export interface ChannelHub {
  t: Awaited<ReturnType<typeof startTestHub>>;
  wa: FakeWhatsApp;
  fb: FakeMessenger;
  twilio: FakeTwilio;
  admin: string;
  hook(provider: 'whatsapp' | 'messenger' | 'sms', chatId?: string): string;
  /** Waits until the channel worker has processed what is stored and sent what is due. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const FAST_RETRY: ChannelSettings['retry'] = { attempts: 3, firstDelayMs: 50, maxDelayMs: 300 };

/** `meta`: which fake answers Meta's Graph API (WhatsApp and Messenger share its address). */
export async function startChannelHub(
  backend: Backend,
  meta: 'whatsapp' | 'messenger' = 'whatsapp',
  channels: Partial<ChannelSettings> = {},
  options: Omit<HubOptions, 'db' | 'channels'> = {},
): Promise<ChannelHub> {
  const wa = await startFakeWhatsApp(WA.accessToken);
  const fb = await startFakeMessenger(FB.pageToken);
  const twilio = await startFakeTwilio(SMS.accountSid, SMS.authToken);
  const t = await startTestHub(backend, {
    channels: {
      secretKey: randomBytes(32),
      apiBase: { meta: meta === 'whatsapp' ? wa.url : fb.url, twilio: twilio.url },
      retry: FAST_RETRY,
      ...channels,
    },
    ...options,
  });
  const admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  const hub: ChannelHub = {
    t,
    wa,
    fb,
    twilio,
    admin,
    hook: (provider, chatId = 'ch_demo') => `${t.hub.url}/webhooks/${provider}/${chatId}`,
    async settled() {
      await t.hub.ctx.channels.idle();
    },
    async stop() {
      await t.stop();
      await Promise.all([wa.close(), fb.close(), twilio.close()]);
    },
  };
  return hub;
}

export const putConnection = (h: ChannelHub, provider: string, body: unknown, token = h.admin, chatId = 'ch_demo') =>
  fetch(`${h.t.hub.url}/api/admin/chats/${chatId}/channels/${provider}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Connects the demo chat to all three providers. */
export async function connectAll(h: ChannelHub) {
  for (const [provider, body] of [
    ['whatsapp', { ...WA, templates: [WA_TEMPLATE] }],
    ['messenger', FB],
    ['sms', SMS],
  ] as const) {
    const res = await putConnection(h, provider, body);
    if (res.status !== 200) throw new Error(`connecting ${provider}: ${res.status} ${await res.text()}`);
  }
}

/** A connected channel hub with Anna (a rep of the demo chat) signed in; `stop` ends both. */
export async function startWithAnna(
  backend: Backend,
  meta: 'whatsapp' | 'messenger' = 'whatsapp',
  channels: Partial<ChannelSettings> = {},
  options: Omit<HubOptions, 'db' | 'channels'> = {},
) {
  const h = await startChannelHub(backend, meta, channels, options);
  await connectAll(h);
  const anna = await repActor(h.t.hub, 'anna@demo.parley.test');
  const stop = async () => {
    anna.close();
    await h.stop();
  };
  return { h, anna, stop };
}

/** Twilio's webhook parameters for an MMS from a customer with one file the fake Twilio serves as `mediaId`. */
export const twilioMms = (h: ChannelHub, sid: string, body: string, mediaId: string, mime: string) => ({
  MessageSid: sid,
  AccountSid: SMS.accountSid,
  From: '+14155550100',
  To: SMS.fromNumber,
  Body: body,
  NumMedia: '1',
  MediaUrl0: h.twilio.mediaUrl(mediaId),
  MediaContentType0: mime,
});

/** A customer's WhatsApp message, `hoursAgo` old; resolves with its conversation id once the rep has it. */
export async function customerWrites(h: ChannelHub, rep: RepActor, text: string, hoursAgo = 0): Promise<string> {
  const at = Math.floor(Date.now() / 1000 - hoursAgo * 3600);
  const body = waMessages({ waId: '393331234567', name: 'Giulia' }, [
    waText('393331234567', `wamid.in-${text}`, text, at),
  ]);
  expect((await postMetaWebhook(h.hook('whatsapp'), WA.appSecret, body)).status).toBe(200);
  const msg = await rep.socket.next(
    (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.text === text,
  );
  return msg.event.message.conversationId;
}
