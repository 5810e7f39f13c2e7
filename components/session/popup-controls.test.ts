import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { conversation, REP } from '../../entrypoints/background/fake-hub.testing';
import { clearAll, db } from '../../utils/db';
import type { RepProfile } from '../../protocol';
import { sendMessage } from '../../utils/messaging';
import { repItem } from '../../utils/settings';
import AlertToggles from './AlertToggles.vue';
import ChatAlerts from './ChatAlerts.vue';
import ModePicker from './ModePicker.vue';
import { chatAlertsItem, CUSTOM_SOUND_MAX_BYTES, customSoundItem, notificationsEnabledItem, soundChoiceItem, soundsEnabledItem } from '../../utils/settings';

vi.mock('../../utils/messaging', () => ({ sendMessage: vi.fn() }));
const send = vi.mocked(sendMessage);

let app: App | null = null;
let root: HTMLElement;

async function mount(component: object, rep: RepProfile) {
  await repItem.setValue(rep);
  root = document.createElement('div');
  document.body.append(root);
  const pinia = createPinia();
  setActivePinia(pinia);
  app = createApp(component).use(pinia);
  app.mount(root);
  await vi.waitFor(() => expect(root.querySelector('input, fieldset') ?? root.textContent !== null).toBeTruthy());
}

const radios = () => [...root.querySelectorAll<HTMLInputElement>('input[name="mode"]')];
const labels = () => [...root.querySelectorAll('label')].map((label) => label.textContent?.trim());

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
  send.mockResolvedValue({ ok: true } as never);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root?.remove();
});

describe('mode picker', () => {
  it('offers a super user Rep, Observer and Super user, with the current mode checked', async () => {
    await mount(ModePicker, { ...REP, role: 'admin', mode: 'observer' });
    await vi.waitFor(() => expect(radios()).toHaveLength(3));
    expect(root.querySelector('legend')?.textContent).toBe('Mode');
    expect(labels()).toEqual(['Rep', 'Observer', 'Super user']);
    await vi.waitFor(() => expect(radios().find((r) => r.checked)?.value).toBe('observer'));
  });

  it('offers a supervisor Rep and Observer only, and nothing to a rep whose role grants one mode', async () => {
    await mount(ModePicker, { ...REP, role: 'observer', mode: 'observer' });
    await vi.waitFor(() => expect(radios().map((r) => r.value)).toEqual(['rep', 'observer']));
    app?.unmount();
    root.remove();
    await mount(ModePicker, { ...REP, role: 'rep', mode: 'rep' });
    await nextTick();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(radios()).toHaveLength(0);
  });

  it("sends setMode and shows the hub's refusal, snapping back to the mode in force", async () => {
    await mount(ModePicker, { ...REP, role: 'admin', mode: 'admin' });
    await vi.waitFor(() => expect(radios().find((r) => r.checked)?.value).toBe('admin'));
    send.mockResolvedValue({ ok: false, code: 'forbidden', message: 'mode not granted' } as never);
    const observer = radios().find((r) => r.value === 'observer')!;
    observer.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBeTruthy());
    expect(send).toHaveBeenCalledWith('setMode', { mode: 'observer' });
    expect(radios().find((r) => r.checked)?.value).toBe('admin');
  });
});

describe('alert toggles', () => {
  it('turns sounds and notifications off and on in storage', async () => {
    await mount(AlertToggles, REP);
    const boxes = () => [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    await vi.waitFor(() => expect(boxes().map((b) => b.checked)).toEqual([true, true]));
    expect(labels().slice(0, 3)).toEqual(['Play a sound', 'Show a notification', expect.stringMatching(/^Sound/)]);
    boxes()[0]!.click();
    await vi.waitFor(async () => expect(await soundsEnabledItem.getValue()).toBe(false));
    boxes()[1]!.click();
    await vi.waitFor(async () => expect(await notificationsEnabledItem.getValue()).toBe(false));
    boxes()[0]!.click();
    await vi.waitFor(async () => expect(await soundsEnabledItem.getValue()).toBe(true));
  });

  it('picks a built-in sound, keeps a custom file locally, refuses one too large, and tests the sound', async () => {
    await mount(AlertToggles, REP);
    await vi.waitFor(() => expect(root.querySelector('select')).not.toBeNull());
    const select = root.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Chime', 'Ping', 'Bell', 'My own sound']);
    select.value = 'bell';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(async () => expect(await soundChoiceItem.getValue()).toBe('bell'));

    select.value = 'custom';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(root.querySelector('input[type="file"]')).not.toBeNull());
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    const setFiles = (file: File) => Object.defineProperty(input, 'files', { value: [file], configurable: true });
    setFiles(new File([new Uint8Array(CUSTOM_SOUND_MAX_BYTES + 1)], 'huge.wav', { type: 'audio/wav' }));
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('larger than 1 MB'));
    expect(await customSoundItem.getValue()).toBeNull();
    setFiles(new File([new Uint8Array([1, 2, 3])], 'moo.wav', { type: 'audio/wav' }));
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(async () => expect((await customSoundItem.getValue())?.name).toBe('moo.wav'));
    expect((await customSoundItem.getValue())?.dataUrl).toMatch(/^data:audio\/wav;base64,/);
    await vi.waitFor(() => expect(root.textContent).toContain('Your sound: moo.wav'));

    send.mockResolvedValue({ played: false, error: 'no audio device' } as never);
    root.querySelector<HTMLButtonElement>('button')!.click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('no audio device'));
    expect(send).toHaveBeenCalledWith('testSound');
  });
});

describe('per-chat alerts', () => {
  it("lists the inbox's chats and silences one chat's sound without touching the others", async () => {
    await clearAll(db);
    await db.conversations.bulkPut([
      conversation('c1', 'pending'),
      conversation('c2', 'pending', null, { chatId: 'chat-2', chatName: 'Support desk' }),
    ]);
    await mount(ChatAlerts, REP);
    await vi.waitFor(() => expect([...root.querySelectorAll('legend')].map((l) => l.textContent)).toEqual(['Demo shop', 'Support desk']));
    expect(root.querySelector('summary')?.textContent).toBe('Alerts per chat');
    const shopSound = root.querySelectorAll<HTMLInputElement>('fieldset')[0]!.querySelector<HTMLInputElement>('input')!;
    expect(shopSound.checked).toBe(true);
    shopSound.click();
    await vi.waitFor(async () => expect(await chatAlertsItem.getValue()).toEqual({ 'chat-1': { sound: false, notification: true } }));
  });
});
