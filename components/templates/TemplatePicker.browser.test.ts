import { userEvent } from '@vitest/browser/context';
import { describe, expect, it, vi } from 'vitest';
import type { Template } from '#protocol';
import { renderOpened } from '../../tests/components/render';
import TemplatePicker from './TemplatePicker.vue';

const tpl = (id: string, language: Template['language'], category: string, title: string, text: string): Template => ({
  id,
  chatId: 'chat-1',
  language,
  category,
  title,
  text,
  updatedAt: '2026-11-21T10:00:00.000Z',
});
const TEMPLATES = [
  tpl('en-hello', 'en', 'Greetings', 'Welcome', 'Hello {visitor.name}, how can I help?'),
  tpl('en-order', 'en', 'Orders', 'Order status', 'Your order {order.number} ships today.'),
  tpl('en-bye', 'en', 'Closing', 'Goodbye', '<img src=x onerror="window.__pwned=1">Bye!'),
  tpl('it-hello', 'it', 'Saluti', 'Benvenuto', 'Buongiorno {visitor.name}!'),
];

function mount(props: { templates: Template[]; language: Template['language'] }) {
  const pick = vi.fn();
  const close = vi.fn();
  const screen = renderOpened(TemplatePicker, { ...props, onPick: pick, onClose: close });
  const combobox = screen.getByRole('combobox', { name: 'Search templates' });
  const options = screen.getByRole('listbox', { name: 'Templates', exact: true }).getByRole('option');
  /** The titles of the listed templates, in the order shown. */
  const titles = () => options.elements().map((o) => o.querySelector('.template-title')!.textContent);
  return { screen, combobox, options, titles, pick, close };
}

describe('template picker', () => {
  it("is a named combobox controlling a listbox, focused, starting in the rep's language", async () => {
    const { screen, combobox, options, titles } = mount({ templates: TEMPLATES, language: 'en' });
    await expect.element(combobox).toHaveFocus();
    const list = screen.getByRole('listbox', { name: 'Templates', exact: true });
    await expect.element(combobox).toHaveAttribute('aria-controls', list.element().id);
    expect(titles()).toEqual(['Goodbye', 'Welcome', 'Order status']);
    await expect.element(combobox).toHaveAttribute('aria-activedescendant', options.nth(0).element().id);
    await expect.element(options.and(screen.getByRole('option', { selected: true }))).toHaveTextContent(/^Goodbye/);
    await expect.element(screen.getByRole('combobox', { name: 'Language', exact: true })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Close templates' })).toBeVisible();
  });

  it('searches by title, text and category as the rep types', async () => {
    const { screen, combobox, options, titles } = mount({ templates: TEMPLATES, language: 'en' });
    await combobox.fill('ships');
    await expect.poll(titles).toEqual(['Order status']);
    await combobox.fill('greetings');
    await expect.poll(titles).toEqual(['Welcome']);
    await combobox.fill('nothing like it');
    await expect.element(screen.getByText('No templates match')).toBeVisible();
    expect(options.elements()).toHaveLength(0);
    await expect.element(combobox).not.toHaveAttribute('aria-activedescendant');
  });

  it('moves with the arrows (wrapping), picks with Enter, closes with Escape', async () => {
    const { combobox, options, pick, close } = mount({ templates: TEMPLATES, language: 'en' });
    await expect.element(combobox).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    await expect.element(combobox).toHaveAttribute('aria-activedescendant', options.nth(2).element().id);
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(combobox).toHaveAttribute('aria-activedescendant', options.nth(0).element().id);
    await userEvent.keyboard('{ArrowUp}');
    await expect.element(options.nth(2)).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => pick.mock.calls).toEqual([[TEMPLATES[1]]]);
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => close.mock.calls).toHaveLength(1);
  });

  it('switches language and category with the filters', async () => {
    const { screen, titles } = mount({ templates: TEMPLATES, language: 'en' });
    await screen.getByRole('combobox', { name: 'Language', exact: true }).selectOptions('it');
    await expect.poll(titles).toEqual(['Benvenuto']);
    await screen.getByRole('combobox', { name: 'Language', exact: true }).selectOptions('all');
    await screen.getByRole('combobox', { name: 'Category', exact: true }).selectOptions('Orders');
    await expect.poll(titles).toEqual(['Order status']);
  });

  it('shows all languages when the chat has none in the rep’s, and renders template text as text', async () => {
    const { screen, options, pick } = mount({ templates: TEMPLATES, language: 'cs' });
    await expect.poll(() => options.elements()).toHaveLength(4);
    await expect.element(screen.getByText('<img src=x onerror="window.__pwned=1">Bye!')).toBeVisible();
    expect(screen.container.querySelector('img')).toBeNull();
    await options.filter({ hasText: 'Benvenuto' }).click();
    expect(pick).toHaveBeenCalledWith(TEMPLATES[3]);
  });
});
