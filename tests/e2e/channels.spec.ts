import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startFakeTwilio, postTwilioWebhook, type FakeTwilio } from '../hub/fake-providers/twilio';
import {
  postMetaWebhook,
  startFakeWhatsApp,
  waMessages,
  waStatus,
  waText,
  type FakeWhatsApp,
} from '../hub/fake-providers/whatsapp';
import { expect, lendHub, test as base } from './support/fixtures';
import { signIn } from './support/helpers';
import { launchHub } from './support/hub';
import { openPanel } from './support/shop';

/**
 * Messaging channels end to end (issue 15, FEATURES G2, G4, C9): the built extension against a real hub
 * whose provider APIs are the fake WhatsApp and Twilio on loopback. A super user connects the demo chat
 * (REST); a message from an unknown number reaches the rep's side panel with its channel's icon and
 * Add contact / Reply / Ignore; the rep adds the contact and replies; the provider receives exactly one
 * send with the reply; its "delivered" callback shows on the message.
 */
const ANNA = 'anna@demo.parley.test';
const CHAT = 'ch_demo';
const WA = {
  phoneNumberId: 'PHONE_ID',
  accessToken: 'wa-token-e2e',
  appSecret: 'wa-app-secret',
  verifyToken: 'wa-verify',
};
const SMS = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-token', fromNumber: '+15005550006' };

const test = base.extend<{ providers: { wa: FakeWhatsApp; twilio: FakeTwilio } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  providers: async ({}, use) => {
    const wa = await startFakeWhatsApp(WA.accessToken);
    const twilio = await startFakeTwilio(SMS.accountSid, SMS.authToken);
    try {
      await use({ wa, twilio });
    } finally {
      await Promise.all([wa.close(), twilio.close()]);
    }
  },
  hub: async ({ providers }, use, testInfo) =>
    lendHub(
      await launchHub({
        env: {
          PARLEY_SECRET_KEY: randomBytes(32).toString('base64'),
          PARLEY_META_API_URL: providers.wa.url,
          PARLEY_TWILIO_API_URL: providers.twilio.url,
        },
      }),
      use,
      testInfo,
    ),
});

/** A super user connects the demo chat to a provider, as the console does. */
async function connect(hubUrl: string, provider: 'whatsapp' | 'sms', body: object): Promise<string> {
  const login = await fetch(`${hubUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: 'alex@demo.parley.test', password: 'parley-demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${hubUrl}/api/admin/chats/${CHAT}/channels/${provider}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { webhookUrl: string }).webhookUrl;
}

/** Opens the unknown sender's conversation, checks its channel and choices, adds them and replies. */
async function addAndReply(panel: Page, row: RegExp, channel: string, reply: string) {
  await panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: row }).click();
  await expect(panel.getByRole('heading', { level: 2 }).getByRole('img', { name: channel })).toBeVisible();
  const bar = panel.getByRole('group', { name: 'Unknown sender' });
  await expect(bar.getByRole('button', { name: 'Reply' })).toBeVisible();
  await expect(bar.getByRole('button', { name: 'Ignore' })).toBeVisible();
  await bar.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Contact added.' })).toBeVisible({ timeout: 15_000 });
  await expect(bar).toHaveCount(0);
  await panel.getByRole('textbox', { name: 'Reply' }).fill(reply);
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
}

/** The reply's line in the message list. */
const line = (panel: Page, text: string) =>
  panel.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });

test('a WhatsApp message from an unknown number: icon, Add contact, one send with the reply, delivered shown', async ({
  page,
  context,
  extensionId,
  hub,
  providers,
}) => {
  test.setTimeout(180_000);
  const webhook = await connect(hub.url, 'whatsapp', { ...WA, templates: [] });
  await signIn(page, extensionId, hub.url, ANNA);
  const panel = await openPanel(context, extensionId);
  const body = waMessages({ waId: '393331234567', name: 'Giulia Verdi' }, [
    waText('393331234567', 'wamid.in1', 'Ciao, is my order shipped?'),
  ]);
  expect((await postMetaWebhook(webhook, WA.appSecret, body)).status).toBe(200);
  await expect(
    panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /^WhatsApp Giulia Verdi/ }),
  ).toBeVisible({ timeout: 30_000 });

  const reply = 'Yes, it left our warehouse this morning.';
  await addAndReply(panel, /Giulia Verdi/, 'WhatsApp', reply);
  await expect.poll(() => providers.wa.sent().map((s) => s.text), { timeout: 30_000 }).toEqual([reply]);
  expect(providers.wa.sent()[0]!.to).toBe('393331234567');
  await expect(line(panel, reply)).toContainText('sent', { timeout: 15_000 });

  const id = providers.wa.sent()[0]!.id;
  expect((await postMetaWebhook(webhook, WA.appSecret, waStatus(id, 'delivered'))).status).toBe(200);
  await expect(line(panel, reply)).toContainText('delivered', { timeout: 30_000 });
  // Nothing was sent twice, however the outbox and the worker retried.
  expect(providers.wa.sent()).toHaveLength(1);
});

test('an SMS from an unknown number: icon, Add contact, one send with the reply, delivered shown', async ({
  page,
  context,
  extensionId,
  hub,
  providers,
}) => {
  test.setTimeout(180_000);
  const webhook = await connect(hub.url, 'sms', SMS);
  await signIn(page, extensionId, hub.url, ANNA);
  const panel = await openPanel(context, extensionId);
  const inbound = {
    MessageSid: 'SM11111111111111111111111111111111',
    AccountSid: SMS.accountSid,
    From: '+14155550100',
    To: SMS.fromNumber,
    Body: 'Can you text me the tracking number?',
    NumMedia: '0',
  };
  expect((await postTwilioWebhook(webhook, webhook, SMS.authToken, inbound)).status).toBe(200);
  await expect(panel.getByRole('region', { name: 'Pending' }).getByRole('button', { name: /^SMS / })).toBeVisible({
    timeout: 30_000,
  });

  const reply = 'Sure: it is 1Z999AA10123456784.';
  await addAndReply(panel, /^SMS /, 'SMS', reply);
  await expect.poll(() => providers.twilio.sent().map((s) => s.body), { timeout: 30_000 }).toEqual([reply]);
  const sent = providers.twilio.sent()[0]!;
  expect(sent.to).toBe('+14155550100');

  const status = { MessageSid: sent.sid, AccountSid: SMS.accountSid, MessageStatus: 'delivered' };
  const callback = sent.statusCallback ?? webhook;
  expect((await postTwilioWebhook(callback, callback, SMS.authToken, status)).status).toBe(200);
  await expect(line(panel, reply)).toContainText('delivered', { timeout: 30_000 });
  expect(providers.twilio.sent()).toHaveLength(1);
});
