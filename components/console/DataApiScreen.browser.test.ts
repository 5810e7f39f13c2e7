import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import type { ApiKeyView } from '#protocol';
import { gardenChat } from '../../tests/components/admin-chat';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import DataApiScreen from './DataApiScreen.vue';

/**
 * The console's Data API screen (issue 20) against a scripted hub (the real routes are
 * tests/hub/data-api-keys.test.ts and data-api-webhooks.test.ts): a key is made with the scopes
 * ticked and its secret shown once, revoking asks twice, and a shop secret is sent for the website chosen.
 */
const hub = useScriptedHub();
const key = (over: Partial<ApiKeyView> = {}): ApiKeyView => ({
  id: 'ak_1',
  name: 'Shop sync',
  scopes: ['products', 'orders'],
  hint: 'pk_AbCd…',
  createdAt: '2026-12-01T09:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});
const garden = gardenChat();
const chats = { chats: [garden], reps: [] };

describe('the Data API screen', () => {
  it('makes a key with the ticked scopes and shows its secret once, with a copy button', async () => {
    let listed: ApiKeyView[] = [];
    hub.replies = (method, path) => {
      if (path === '/api/admin/chats') return { status: 200, body: chats };
      if (method === 'POST') {
        listed = [key()];
        return { status: 201, body: { key: key(), secret: 'pk_secret-shown-once' } };
      }
      return { status: 200, body: { keys: listed } };
    };
    const screen = render(DataApiScreen);
    await expect.element(screen.getByText('No API keys yet.')).toBeVisible();
    await expect
      .element(screen.getByText(/described at http:\/\/hub\.test:8787\/api\/v1\/openapi\.json/))
      .toBeVisible();
    await screen.getByRole('textbox', { name: 'Key name' }).fill('Shop sync');
    await screen.getByRole('checkbox', { name: 'Products' }).click();
    await screen.getByRole('checkbox', { name: 'Orders' }).click();
    await screen.getByRole('button', { name: 'Create key' }).click();
    await expect
      .element(screen.getByRole('textbox', { name: 'The new key Shop sync' }))
      .toHaveValue('pk_secret-shown-once');
    expect(hub.sent('POST')).toEqual([
      { method: 'POST', path: '/api/admin/api-keys', body: { name: 'Shop sync', scopes: ['products', 'orders'] } },
    ]);
    const row = screen.getByRole('listitem', { name: 'Shop sync' });
    await expect.element(row).toHaveTextContent(/Products, Orders/);
    await expect.element(row).toHaveTextContent(/Never used/);
  });

  it('refuses a key without a scope before asking the hub', async () => {
    hub.replies = (_method, path) =>
      path === '/api/admin/chats' ? { status: 200, body: chats } : { status: 200, body: { keys: [] } };
    const screen = render(DataApiScreen);
    await screen.getByRole('textbox', { name: 'Key name' }).fill('Nothing');
    await screen.getByRole('button', { name: 'Create key' }).click();
    const form = screen.getByRole('form', { name: 'New API key' });
    await expect.element(form.getByRole('alert')).toHaveTextContent('choose at least one scope');
    expect(hub.sent('POST')).toEqual([]);
  });

  it('revokes a key only on the second click', async () => {
    hub.replies = (method, path) => {
      if (path === '/api/admin/chats') return { status: 200, body: chats };
      if (method === 'POST') return { status: 200, body: { key: key({ revokedAt: '2026-12-02T09:00:00.000Z' }) } };
      return { status: 200, body: { keys: [key()] } };
    };
    const screen = render(DataApiScreen);
    await screen.getByRole('button', { name: 'Revoke Shop sync' }).click();
    expect(hub.sent('POST')).toEqual([]);
    await screen.getByRole('button', { name: /Yes, revoke Shop sync/ }).click();
    await vi.waitFor(() =>
      expect(hub.sent('POST')).toEqual([{ method: 'POST', path: '/api/admin/api-keys/ak_1/revoke', body: undefined }]),
    );
  });

  it('sends a website’s shop secret and shows the address to give the shop', async () => {
    hub.replies = (method, path) => {
      if (path === '/api/admin/chats') return { status: 200, body: chats };
      if (method === 'PUT') return { status: 204 };
      return { status: 200, body: { keys: [] } };
    };
    const screen = render(DataApiScreen);
    const form = screen.getByRole('form', { name: 'Shop webhooks' });
    await form.getByRole('combobox', { name: 'Shop system' }).selectOptions('shopify');
    await expect
      .element(form.getByRole('textbox', { name: 'Webhook address' }))
      .toHaveValue('http://hub.test:8787/api/webhooks/shopify/ch_garden');
    await form.getByLabelText('Webhook secret').fill('shpss_0123456789');
    await form.getByRole('button', { name: 'Save secret' }).click();
    await expect.element(form.getByRole('status')).toHaveTextContent('Secret saved');
    expect(hub.sent('PUT')).toEqual([
      {
        method: 'PUT',
        path: '/api/admin/chats/ch_garden/shop-webhooks/shopify',
        body: { secret: 'shpss_0123456789' },
      },
    ]);
  });
});
