import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import type { Template } from '../../protocol';
import TemplatePicker from './TemplatePicker.vue';

const tpl = (id: string, language: Template['language'], category: string, title: string, text: string): Template =>
  ({ id, chatId: 'chat-1', language, category, title, text, updatedAt: '2026-11-21T10:00:00.000Z' });
const TEMPLATES = [
  tpl('en-hello', 'en', 'Greetings', 'Welcome', 'Hello {visitor.name}, how can I help?'),
  tpl('en-order', 'en', 'Orders', 'Order status', 'Your order {order.number} ships today.'),
  tpl('en-bye', 'en', 'Closing', 'Goodbye', '<img src=x onerror="window.__pwned=1">Bye!'),
  tpl('it-hello', 'it', 'Saluti', 'Benvenuto', 'Buongiorno {visitor.name}!'),
];

let app: App | null = null;
let root: HTMLElement;
afterEach(() => {
  app?.unmount();
  app = null;
  root?.remove();
});

function mount(props: { templates: Template[]; language: Template['language'] }) {
  const pick = vi.fn();
  const close = vi.fn();
  root = document.createElement('div');
  document.body.append(root);
  app = createApp(TemplatePicker, { ...props, onPick: pick, onClose: close });
  app.mount(root);
  return { pick, close };
}

const combobox = () => root.querySelector<HTMLInputElement>('[role="combobox"]')!;
const options = () => [...root.querySelectorAll<HTMLElement>('[role="option"]')];
const titles = () => options().map((o) => o.querySelector('.template-title')!.textContent);
const press = async (key: string) => {
  combobox().dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await nextTick();
};
const type = async (text: string) => {
  combobox().value = text;
  combobox().dispatchEvent(new Event('input'));
  await nextTick();
};

describe('template picker', () => {
  it("is a named combobox controlling a listbox, focused, starting in the rep's language", async () => {
    mount({ templates: TEMPLATES, language: 'en' });
    await nextTick();
    const box = combobox();
    expect(document.activeElement).toBe(box);
    expect(root.querySelector(`label[for="${box.id}"]`)?.textContent).toBe('Search templates');
    const list = root.querySelector('[role="listbox"]')!;
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    expect(list.getAttribute('aria-label')).toBe('Templates');
    expect(titles()).toEqual(['Goodbye', 'Welcome', 'Order status']);
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0].id);
    expect(options()[0].getAttribute('aria-selected')).toBe('true');
    expect(root.querySelector('select[aria-label="Language"]')).not.toBeNull();
    expect(root.querySelector('button[aria-label="Close templates"]')).not.toBeNull();
  });

  it('searches by title, text and category as the rep types', async () => {
    mount({ templates: TEMPLATES, language: 'en' });
    await type('ships');
    expect(titles()).toEqual(['Order status']);
    await type('greetings');
    expect(titles()).toEqual(['Welcome']);
    await type('nothing like it');
    expect(options()).toHaveLength(0);
    expect(root.textContent).toContain('No templates match');
    expect(combobox().hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('moves with the arrows (wrapping), picks with Enter, closes with Escape', async () => {
    const { pick, close } = mount({ templates: TEMPLATES, language: 'en' });
    await press('ArrowDown');
    await press('ArrowDown');
    expect(combobox().getAttribute('aria-activedescendant')).toBe(options()[2].id);
    await press('ArrowDown');
    expect(combobox().getAttribute('aria-activedescendant')).toBe(options()[0].id);
    await press('ArrowUp');
    expect(options()[2].getAttribute('aria-selected')).toBe('true');
    await press('Enter');
    expect(pick).toHaveBeenCalledWith(TEMPLATES[1]);
    await press('Escape');
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('switches language and category with the filters', async () => {
    mount({ templates: TEMPLATES, language: 'en' });
    const language = root.querySelector<HTMLSelectElement>('select[aria-label="Language"]')!;
    language.value = 'it';
    language.dispatchEvent(new Event('change'));
    await nextTick();
    expect(titles()).toEqual(['Benvenuto']);
    language.value = 'all';
    language.dispatchEvent(new Event('change'));
    const category = root.querySelector<HTMLSelectElement>('select[aria-label="Category"]')!;
    category.value = 'Orders';
    category.dispatchEvent(new Event('change'));
    await nextTick();
    expect(titles()).toEqual(['Order status']);
  });

  it('shows all languages when the chat has none in the rep’s, and renders template text as text', async () => {
    const { pick } = mount({ templates: TEMPLATES, language: 'cs' });
    await nextTick();
    expect(options()).toHaveLength(4);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1">Bye!');
    options().find((o) => o.textContent?.includes('Benvenuto'))!.click();
    expect(pick).toHaveBeenCalledWith(TEMPLATES[3]);
  });
});
