import { describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import PersonalData from './PersonalData.vue';
import RetentionSettings from './RetentionSettings.vue';

/**
 * The console's personal-data screens (FEATURES H6) against a scripted hub (the real one is exercised by
 * tests/hub/data-out-*.test.ts and tests/hub/retention.test.ts): what they send, and what they say.
 */
const hub = useScriptedHub();
const maria = { id: 'cu_1', kind: 'person', name: 'Maria Bianchi', email: 'maria.bianchi@example.com' };
const erasure = {
  id: 'er_1',
  subjectId: 'cu_1',
  erasedBy: 'r_alex',
  erasedAt: '2026-12-06T10:00:00.000Z',
  removed: {},
};

describe('personal data', () => {
  it('finds a customer by email, downloads their archive, and erases them only once confirmed', async () => {
    hub.replies = (method, path) =>
      method === 'DELETE'
        ? { status: 200, body: { erasure } }
        : path.endsWith('/export')
          ? { status: 200, body: { zip: true } }
          : { status: 200, body: { contact: maria } };
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('parley-export-cu_1.zip');
    });
    const screen = render(PersonalData);
    await screen.getByRole('textbox', { name: "Customer's email" }).fill(maria.email);
    await screen.getByRole('button', { name: 'Find' }).click();
    await screen.getByRole('button', { name: 'Export everything held about Maria Bianchi (zip)' }).click();
    await expect
      .element(screen.getByRole('status'))
      .toHaveTextContent('The archive of Maria Bianchi has been downloaded.');
    expect(clicked).toHaveBeenCalledOnce();
    expect(hub.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/admin/contacts',
      'GET /api/admin/contacts/cu_1/export',
    ]);

    await screen.getByRole('button', { name: 'Erase Maria Bianchi everywhere…' }).click();
    const dialog = screen.getByRole('dialog', { name: 'Erase this person?' });
    await expect.element(dialog).toHaveTextContent('The record of Maria Bianchi');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(hub.sent('DELETE')).toEqual([]);
    await screen.getByRole('button', { name: 'Erase Maria Bianchi everywhere…' }).click();
    await screen.getByRole('dialog').getByRole('button', { name: 'Erase for good' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Erased. Audit entry: er_1.');
    expect(hub.sent('DELETE').map((c) => c.path)).toEqual(['/api/admin/contacts/cu_1']);
  });

  it("says when no record has the email, and shows the hub's refusal", async () => {
    hub.replies = () => ({ status: 200, body: { contact: null } });
    const screen = render(PersonalData);
    await screen.getByRole('textbox', { name: "Customer's email" }).fill('nobody@example.com');
    await screen.getByRole('button', { name: 'Find' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('No customer record has this email.');
    hub.replies = () => ({ status: 403, body: { error: { code: 'forbidden', message: 'only super users' } } });
    await screen.getByRole('button', { name: 'Find' }).click();
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('Only super users can export or erase personal data');
  });
});

describe('retention', () => {
  it('saves months per chat, and empty as keep', async () => {
    hub.replies = (method) =>
      method === 'GET'
        ? { status: 200, body: { chats: [{ chatId: 'ch_demo', name: 'Demo shop', months: null }] } }
        : { status: 204 };
    const screen = render(RetentionSettings);
    const months = screen.getByRole('spinbutton', { name: 'Demo shop: months to keep conversations' });
    await months.fill('6');
    await screen.getByRole('button', { name: 'Save how long Demo shop keeps conversations' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Saved.');
    await months.fill('');
    await screen.getByRole('button', { name: 'Save how long Demo shop keeps conversations' }).click();
    await vi.waitFor(() => expect(hub.sent('PUT')).toHaveLength(2));
    expect(hub.sent('PUT')).toEqual([
      { method: 'PUT', path: '/api/admin/chats/ch_demo/retention', body: { months: 6 } },
      { method: 'PUT', path: '/api/admin/chats/ch_demo/retention', body: { months: null } },
    ]);
  });
});
