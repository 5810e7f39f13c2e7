import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { conversation, REP } from '../../entrypoints/background/fake-hub.testing';
import type { Template } from '../../protocol';
import { useInboxStore } from '../../stores/inbox';
import { clearAll, db } from '../../utils/db';
import { repItem } from '../../utils/settings';
import ReplyComposer from '../conversation/ReplyComposer.vue';

vi.mock('../../utils/messaging', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));

/** The composer's quick replies end to end inside the panel: "/" → picker → placeholders → text in the draft. */
const tpl = (id: string, chatId: string, title: string, text: string): Template =>
  ({ id, chatId, language: 'en', category: 'Orders', title, text, updatedAt: '2026-11-21T10:00:00.000Z' });

let app: App | null = null;
let root: HTMLElement;
beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  await repItem.setValue({ ...REP, name: 'Anna Rossi' });
  await db.conversations.put(conversation('c1', 'active', REP.id, { visitorName: 'Maria' }));
  await db.templates.bulkPut([
    tpl('t-order', 'chat-1', 'Order status', 'Hi {visitor.name}, {rep.name} here: order {order.number} ships on {day}.'),
    tpl('t-hello', 'chat-1', 'Hello', 'Hello {visitor.name}!'),
    tpl('t-elsewhere', 'chat-2', 'Other chat', 'Not for this chat'),
  ]);
  root = document.createElement('div');
  document.body.append(root);
  const pinia = createPinia();
  setActivePinia(pinia);
  useInboxStore().open('c1');
  app = createApp(ReplyComposer).use(pinia);
  app.mount(root);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root.remove();
});

const textarea = () => root.querySelector<HTMLTextAreaElement>('#reply-text')!;
/** The composer's Templates button (the emoji button also has aria-expanded). */
const templatesButton = () => [...root.querySelectorAll<HTMLButtonElement>('button[aria-expanded]')].find((b) => b.textContent?.trim() === 'Templates')!;
const combobox = () => root.querySelector<HTMLInputElement>('[role="combobox"]');
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
const setDraft = async (text: string, caret = text.length) => {
  textarea().value = text;
  textarea().dispatchEvent(new Event('input'));
  textarea().setSelectionRange(caret, caret);
  await nextTick();
};
const search = async (text: string) => {
  combobox()!.value = text;
  combobox()!.dispatchEvent(new Event('input'));
  await nextTick();
};

describe('quick replies in the composer', () => {
  it('opens on "/" at the start of a line only, listing this chat’s templates', async () => {
    await setDraft('1/2');
    expect(key(textarea(), '/')).toBe(true); // mid-line: typed as a slash
    expect(combobox()).toBeNull();
    await setDraft('first line\n');
    expect(key(textarea(), '/')).toBe(false); // swallowed: it opens the picker
    await vi.waitFor(() => expect(combobox()).not.toBeNull());
    await vi.waitFor(() => expect(root.querySelectorAll('[role="option"]')).toHaveLength(2));
    expect(root.textContent).not.toContain('Other chat');
    expect(document.activeElement).toBe(combobox());
  });

  it('fills what is known, asks for the rest, and inserts at the caret for editing', async () => {
    await setDraft('Sure. ', 6);
    templatesButton().click();
    await vi.waitFor(() => expect(root.querySelectorAll('[role="option"]').length).toBe(2));
    await search('order');
    key(combobox()!, 'Enter');
    await vi.waitFor(() => expect(root.querySelector('form[aria-label="Fill in the template “Order status”"]')).not.toBeNull());
    const inputs = [...root.querySelectorAll<HTMLInputElement>('.placeholder-prompt input')];
    const labels = inputs.map((i) => root.querySelector(`label[for="${i.id}"]`)?.textContent);
    expect(labels).toEqual(['order.number', 'day']);
    expect(document.activeElement).toBe(inputs[0]);

    // Empty fields are refused, with the reason tied to the field.
    inputs[0].value = 'A-1001';
    inputs[0].dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('.placeholder-prompt button[type="submit"]')!.click();
    await nextTick();
    expect(inputs[1].getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(inputs[1].getAttribute('aria-describedby')!)?.textContent).toBe('Fill this in before inserting');
    expect(textarea().value).toBe('Sure. ');

    inputs[1].value = 'Monday';
    inputs[1].dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('.placeholder-prompt button[type="submit"]')!.click();
    await vi.waitFor(() => expect(textarea().value).toBe('Sure. Hi Maria, Anna Rossi here: order A-1001 ships on Monday.'));
    expect(root.querySelector('.placeholder-prompt')).toBeNull();
    expect(document.activeElement).toBe(textarea());
    expect(textarea().selectionStart).toBe(textarea().value.length);
  });

  it('inserts straight away when everything is known; Escape closes without inserting', async () => {
    await setDraft('');
    key(textarea(), '/');
    await vi.waitFor(() => expect(root.querySelectorAll('[role="option"]').length).toBe(2));
    key(combobox()!, 'Escape');
    await vi.waitFor(() => expect(combobox()).toBeNull());
    expect(textarea().value).toBe('');
    expect(document.activeElement).toBe(textarea());

    key(textarea(), '/');
    await vi.waitFor(() => expect(root.querySelectorAll('[role="option"]').length).toBe(2));
    await search('hello');
    key(combobox()!, 'Enter');
    await vi.waitFor(() => expect(textarea().value).toBe('Hello Maria!'));
  });

  it('Escape in the placeholder prompt closes it and leaves the draft as it was', async () => {
    await setDraft('Draft stays');
    templatesButton().click();
    await vi.waitFor(() => expect(root.querySelectorAll('[role="option"]').length).toBe(2));
    await search('order');
    key(combobox()!, 'Enter');
    await vi.waitFor(() => expect(root.querySelector('.placeholder-prompt input')).not.toBeNull());
    key(root.querySelector('.placeholder-prompt input')!, 'Escape');
    await vi.waitFor(() => expect(root.querySelector('.placeholder-prompt')).toBeNull());
    expect(textarea().value).toBe('Draft stays');
    expect(document.activeElement).toBe(textarea());
  });
});
