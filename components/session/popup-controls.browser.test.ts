import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import type { RepProfile } from '#protocol';
import { db } from '#utils/db';
import { sendMessage } from '#utils/messaging';
import {
  chatAlertsItem,
  CUSTOM_SOUND_MAX_BYTES,
  customSoundItem,
  notificationsEnabledItem,
  repItem,
  soundChoiceItem,
  soundsEnabledItem,
} from '#utils/settings';
import AlertToggles from './AlertToggles.vue';
import ChatAlerts from './ChatAlerts.vue';
import ModePicker from './ModePicker.vue';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

async function mount(component: object, rep: RepProfile) {
  await repItem.setValue(rep);
  return render(component, { global: { plugins: [createPinia()] } });
}

beforeEach(async () => {
  send.mockReset();
  send.mockResolvedValue({ ok: true } as never);
});

describe('mode picker', () => {
  it('offers a super user Rep, Observer and Super user, with the current mode checked', async () => {
    const screen = await mount(ModePicker, { ...REP, role: 'admin', mode: 'observer' });
    const group = screen.getByRole('group', { name: 'Mode', exact: true });
    await expect.element(group.getByRole('radio', { name: 'Observer' })).toBeChecked();
    expect(
      group
        .getByRole('radio')
        .elements()
        .map((radio) => radio.parentElement?.textContent?.trim()),
    ).toEqual(['Rep', 'Observer', 'Super user']);
    await expect.element(group.getByRole('radio', { checked: true })).toHaveAccessibleName('Observer');
  });

  it('offers a supervisor Rep and Observer only, and nothing to a rep whose role grants one mode', async () => {
    const screen = await mount(ModePicker, { ...REP, role: 'observer', mode: 'observer' });
    const group = screen.getByRole('group', { name: 'Mode', exact: true });
    await expect.element(group.getByRole('radio', { name: 'Observer' })).toBeChecked();
    expect(
      group
        .getByRole('radio')
        .elements()
        .map((radio) => (radio as HTMLInputElement).value),
    ).toEqual(['rep', 'observer']);
    await repItem.setValue({ ...REP, role: 'rep', mode: 'rep' });
    await expect.element(group).not.toBeInTheDocument();
  });

  it("sends setMode and shows the hub's refusal, snapping back to the mode in force", async () => {
    const screen = await mount(ModePicker, { ...REP, role: 'admin', mode: 'admin' });
    const superUser = screen.getByRole('radio', { name: 'Super user' });
    await expect.element(superUser).toBeChecked();
    send.mockResolvedValue({ ok: false, code: 'forbidden', message: 'mode not granted' } as never);
    await screen.getByRole('radio', { name: 'Observer' }).click();
    await expect.element(screen.getByRole('alert')).not.toBeEmptyDOMElement();
    expect(send).toHaveBeenCalledWith('setMode', { mode: 'observer' });
    await expect.element(superUser).toBeChecked();
    await expect.element(screen.getByRole('radio', { name: 'Observer' })).not.toBeChecked();
  });
});

describe('alert toggles', () => {
  it('turns sounds and notifications off and on in storage', async () => {
    const screen = await mount(AlertToggles, REP);
    const sound = screen.getByRole('checkbox', { name: 'Play a sound' });
    const notification = screen.getByRole('checkbox', { name: 'Show a notification' });
    await expect.element(sound).toBeChecked();
    await expect.element(notification).toBeChecked();
    expect(
      [...screen.container.querySelectorAll('label')].map((label) => label.textContent?.trim()).slice(0, 3),
    ).toEqual(['Play a sound', 'Show a notification', expect.stringMatching(/^Sound/)]);
    await sound.click();
    await expect.poll(() => soundsEnabledItem.getValue()).toBe(false);
    await notification.click();
    await expect.poll(() => notificationsEnabledItem.getValue()).toBe(false);
    await sound.click();
    await expect.poll(() => soundsEnabledItem.getValue()).toBe(true);
  });

  it('picks a built-in sound, keeps a custom file locally, refuses one too large, and tests the sound', async () => {
    const screen = await mount(AlertToggles, REP);
    const select = screen.getByRole('combobox', { name: /^Sound/ });
    await expect.element(select).toBeVisible();
    expect(
      select
        .getByRole('option')
        .elements()
        .map((o) => o.textContent),
    ).toEqual(['Chime', 'Ping', 'Bell', 'My own sound']);
    await select.selectOptions('bell');
    await expect.poll(() => soundChoiceItem.getValue()).toBe('bell');

    await select.selectOptions('custom');
    const file = screen.getByLabelText('Sound file');
    await expect.element(file).toBeVisible();
    await file.upload(new File([new Uint8Array(CUSTOM_SOUND_MAX_BYTES + 1)], 'huge.wav', { type: 'audio/wav' }));
    await expect.element(screen.getByRole('alert')).toHaveTextContent('larger than 1 MB');
    expect(await customSoundItem.getValue()).toBeNull();
    await file.upload(new File([new Uint8Array([1, 2, 3])], 'moo.wav', { type: 'audio/wav' }));
    await expect.poll(async () => (await customSoundItem.getValue())?.name).toBe('moo.wav');
    expect((await customSoundItem.getValue())?.dataUrl).toMatch(/^data:audio\/wav;base64,/);
    await expect.element(screen.getByText('Your sound: moo.wav')).toBeVisible();

    send.mockResolvedValue({ played: false, error: 'no audio device' } as never);
    await screen.getByRole('button', { name: 'Play the sound' }).click();
    await expect.element(screen.getByRole('alert')).toHaveTextContent('no audio device');
    expect(send).toHaveBeenCalledWith('testSound');
  });
});

describe('per-chat alerts', () => {
  it("lists the inbox's chats and silences one chat's sound without touching the others", async () => {
    await db.conversations.bulkPut([
      conversation('c1', 'pending'),
      conversation('c2', 'pending', null, { chatId: 'chat-2', chatName: 'Support desk' }),
    ]);
    const screen = await mount(ChatAlerts, REP);
    const summary = screen.getByText('Alerts per chat', { exact: true });
    await summary.click();
    const shop = screen.getByRole('group', { name: 'Demo shop' });
    await expect.element(shop).toBeVisible();
    expect([...screen.container.querySelectorAll('legend')].map((legend) => legend.textContent)).toEqual([
      'Demo shop',
      'Support desk',
    ]);
    const shopSound = shop.getByRole('checkbox', { name: 'Play a sound' });
    await expect.element(shopSound).toBeChecked();
    await shopSound.click();
    await expect.poll(() => chatAlertsItem.getValue()).toEqual({ 'chat-1': { sound: false, notification: true } });
  });
});
