import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { gardenChat } from '../../tests/components/admin-chat';
import { useScriptedHub } from '../../tests/components/scripted-hub';
import IdentityVerificationBox from './IdentityVerificationBox.vue';

/**
 * A website's identity verification on the console (issue 14) against a scripted hub (the real routes
 * are tests/hub/identity-verification.test.ts): the secret shows once with how to sign, turning off
 * asks twice, and a refusal reads in the hub's words.
 */
const hub = useScriptedHub();
const garden = gardenChat;

describe('identity verification on the console', () => {
  beforeEach(() => {
    hub.replies = (method) =>
      method === 'POST' ? { status: 201, body: { chatId: 'ch_garden', secret: 'c0ffee'.repeat(8) } } : { status: 204 };
  });

  it('turns it on and shows the new secret once, with how the shop’s server signs', async () => {
    const screen = render(IdentityVerificationBox, { props: { chat: garden(false) } });
    const box = screen.getByRole('group', { name: 'Identity verification of Garden shop' });
    await expect.element(box).toHaveTextContent(/Off: an email a visitor types is only a claim/);
    expect(box.getByRole('textbox', { name: 'Identity secret of Garden shop' }).query()).toBeNull();
    await box.getByRole('button', { name: 'Turn on identity verification for Garden shop' }).click();
    await expect
      .element(box.getByRole('textbox', { name: 'Identity secret of Garden shop' }))
      .toHaveValue('c0ffee'.repeat(8));
    const example = box.getByRole('textbox', { name: /How your server signs/ }).element() as HTMLTextAreaElement;
    expect(example.value).toMatch(/createHmac\('sha256'[\s\S]*data-chat="garden-key" data-user-email/);
    expect(hub.calls).toEqual([
      { method: 'POST', path: '/api/admin/chats/ch_garden/identity-secret', body: undefined },
    ]);
    expect(screen.emitted('changed')).toHaveLength(1);
  });

  it('turns it off only on the second click, and the secret field goes', async () => {
    const screen = render(IdentityVerificationBox, { props: { chat: garden(true) } });
    const box = screen.getByRole('group', { name: 'Identity verification of Garden shop' });
    await expect.element(box).toHaveTextContent(/On: the widget trusts/);
    await box.getByRole('button', { name: 'Turn off identity verification for Garden shop' }).click();
    expect(hub.sent('DELETE')).toEqual([]);
    await box.getByRole('button', { name: 'Yes, turn off identity verification for Garden shop' }).click();
    await vi.waitFor(() =>
      expect(hub.sent('DELETE')).toEqual([
        { method: 'DELETE', path: '/api/admin/chats/ch_garden/identity-secret', body: undefined },
      ]),
    );
  });

  it('shows the hub’s refusal and no secret', async () => {
    hub.replies = () => ({ status: 404, body: { error: { code: 'not_found', message: 'no such chat' } } });
    const screen = render(IdentityVerificationBox, { props: { chat: garden(false) } });
    const box = screen.getByRole('group', { name: 'Identity verification of Garden shop' });
    await box.getByRole('button', { name: 'Turn on identity verification for Garden shop' }).click();
    await expect.element(box.getByRole('alert')).toBeVisible();
    expect(box.getByRole('textbox', { name: 'Identity secret of Garden shop' }).query()).toBeNull();
  });
});
