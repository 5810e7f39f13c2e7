import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { ChannelConnectionView } from '#protocol';
import { gardenChat } from '../../tests/components/admin-chat';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import ChannelsBox from './ChannelsBox.vue';

/**
 * A website's messaging channels on the console (issue 15, FEATURES G2–G4) against a scripted hub (the
 * real routes are tests/hub/channels-*.test.ts): secrets read "set" and are left out of a save when
 * empty, WhatsApp's templates go as a list, the webhook URL is shown, and a bad line is named.
 */
const hub = useScriptedHub();
const garden = gardenChat();
const WEBHOOK = 'https://chat.example.com/webhooks/whatsapp/ch_garden';
const connected: ChannelConnectionView = {
  chatId: 'ch_garden',
  provider: 'whatsapp',
  settings: { phoneNumberId: '1055', templates: [{ name: 'order_update', language: 'en', body: 'Hi {{1}}' }] },
  secrets: { accessToken: { set: true }, appSecret: { set: true }, verifyToken: { set: true } },
  webhookUrl: WEBHOOK,
  updatedAt: '2026-12-06T09:00:00.000Z',
};

describe('messaging channels on the console', () => {
  beforeEach(() => {
    hub.replies = (method, _path, body) =>
      method === 'GET'
        ? { status: 200, body: { connections: [connected] } }
        : method === 'PUT'
          ? { status: 200, body: { ...connected, settings: body } }
          : { status: 204 };
  });

  it('shows a connection with its secrets as set and its webhook URL, and a save keeps the secrets left empty', async () => {
    const screen = render(ChannelsBox, { props: { chat: garden } });
    const wa = screen.getByRole('form', { name: 'WhatsApp · Garden shop' });
    await expect.element(wa.getByRole('textbox', { name: 'Phone number ID' })).toHaveValue('1055');
    await expect.element(wa.getByLabelText('Access token')).toHaveAccessibleDescription(/^set; leave empty to keep it/);
    await expect.element(wa.getByLabelText('Access token')).toHaveValue('');
    await expect.element(wa.getByRole('textbox', { name: 'Webhook URL' })).toHaveValue(WEBHOOK);
    await expect.element(wa.getByRole('button', { name: 'Copy the WhatsApp webhook URL' })).toBeVisible();
    await wa.getByLabelText('App secret').fill('new-app-secret');
    await wa.getByRole('button', { name: 'Save the WhatsApp connection' }).click();
    await vi.waitFor(() =>
      expect(hub.sent('PUT')).toEqual([
        {
          method: 'PUT',
          path: '/api/admin/chats/ch_garden/channels/whatsapp',
          body: {
            phoneNumberId: '1055',
            appSecret: 'new-app-secret',
            templates: [{ name: 'order_update', language: 'en', body: 'Hi {{1}}' }],
          },
        },
      ]),
    );
    await expect.element(wa.getByRole('status')).toHaveTextContent('Connection saved.');
  });

  it('a provider not connected has no webhook URL or delete; a template line without its parts is named, not sent', async () => {
    const screen = render(ChannelsBox, { props: { chat: garden } });
    const sms = screen.getByRole('form', { name: 'SMS · Garden shop' });
    await expect.element(sms).toHaveTextContent('Not connected');
    expect(sms.getByRole('textbox', { name: 'Webhook URL' }).query()).toBeNull();
    expect(sms.getByRole('button', { name: 'Delete the SMS connection' }).query()).toBeNull();
    const wa = screen.getByRole('form', { name: 'WhatsApp · Garden shop' });
    await wa.getByRole('textbox', { name: /^Approved templates/ }).fill('just a name');
    await wa.getByRole('button', { name: 'Save the WhatsApp connection' }).click();
    await expect.element(wa.getByRole('alert')).toHaveTextContent('Templates, line 1: write name | language | body');
    expect(hub.sent('PUT')).toEqual([]);
  });

  it('deletes a connection', async () => {
    const screen = render(ChannelsBox, { props: { chat: garden } });
    const wa = screen.getByRole('form', { name: 'WhatsApp · Garden shop' });
    await wa.getByRole('button', { name: 'Delete the WhatsApp connection' }).click();
    await vi.waitFor(() =>
      expect(hub.sent('DELETE')).toEqual([
        { method: 'DELETE', path: '/api/admin/chats/ch_garden/channels/whatsapp', body: undefined },
      ]),
    );
    await expect.element(wa).toHaveTextContent('Not connected');
  });
});
