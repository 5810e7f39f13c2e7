import { userEvent } from '@vitest/browser/context';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-vue';
import { conversation, REP } from '#entrypoints/background/hub-data.testing';
import type { Template } from '#protocol';
import { useInboxStore } from '#stores/inbox';
import { db } from '#utils/db';
import { repItem } from '#utils/settings';
import ReplyComposer from '../conversation/ReplyComposer.vue';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn(async () => ({ ok: true })) }));

/** The composer's quick replies end to end inside the panel: "/" → picker → placeholders → text in the draft. */
const tpl = (id: string, chatId: string, title: string, text: string): Template => ({
  id,
  chatId,
  language: 'en',
  category: 'Orders',
  title,
  text,
  updatedAt: '2026-11-21T10:00:00.000Z',
});

let screen: ReturnType<typeof render>;
beforeEach(async () => {
  await repItem.setValue({ ...REP, name: 'Anna Rossi' });
  await db.conversations.put(conversation('c1', 'active', REP.id, { visitorName: 'Maria' }));
  await db.templates.bulkPut([
    tpl(
      't-order',
      'chat-1',
      'Order status',
      'Hi {visitor.name}, {rep.name} here: order {order.number} ships on {day}.',
    ),
    tpl('t-hello', 'chat-1', 'Hello', 'Hello {visitor.name}!'),
    tpl('t-elsewhere', 'chat-2', 'Other chat', 'Not for this chat'),
  ]);
  const pinia = createPinia();
  setActivePinia(pinia);
  useInboxStore().open('c1');
  screen = render(ReplyComposer, { global: { plugins: [pinia] } });
});

const reply = () => screen.getByRole('textbox', { name: 'Reply', exact: true });
const templatesButton = () => screen.getByRole('button', { name: 'Templates', exact: true });
const combobox = () => screen.getByRole('combobox', { name: 'Search templates' });
const options = () => screen.getByRole('listbox', { name: 'Templates', exact: true }).getByRole('option');
/** Types `draft`, opens the picker with the Templates button and picks “Order status”, which asks for two values. */
async function pickOrderStatus(draft: string) {
  await reply().fill(draft);
  await templatesButton().click();
  await expect.poll(() => options().elements()).toHaveLength(2);
  await combobox().fill('order');
  await userEvent.keyboard('{Enter}');
  return screen.getByRole('form', { name: 'Fill in the template “Order status”' });
}

describe('quick replies in the composer', () => {
  it('opens on "/" at the start of a line only, listing this chat’s templates', async () => {
    await reply().fill('1');
    await userEvent.keyboard('/2'); // mid-line: typed as a slash
    await expect.element(reply()).toHaveValue('1/2');
    expect(combobox().query()).toBeNull();
    await reply().fill('first line\n');
    await userEvent.keyboard('/'); // swallowed: it opens the picker
    await expect.element(combobox()).toHaveFocus();
    await expect.poll(() => options().elements()).toHaveLength(2);
    await expect
      .element(screen.getByRole('listbox', { name: 'Templates', exact: true }))
      .not.toHaveTextContent('Other chat');
    await expect.element(reply()).toHaveValue('first line\n');
  });

  it('fills what is known, asks for the rest, and inserts at the caret for editing', async () => {
    const form = await pickOrderStatus('Sure. ');
    const orderNumber = form.getByRole('textbox', { name: 'order.number', exact: true });
    const day = form.getByRole('textbox', { name: 'day', exact: true });
    await expect.element(orderNumber).toHaveFocus();
    expect(
      form
        .getByRole('textbox')
        .elements()
        .map((input) => (input as HTMLInputElement).labels?.[0]?.textContent),
    ).toEqual(['order.number', 'day']);

    // Empty fields are refused, with the reason tied to the field.
    await orderNumber.fill('A-1001');
    await form.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect.element(day).toHaveAttribute('aria-invalid', 'true');
    await expect.element(day).toHaveAccessibleDescription('Fill this in before inserting');
    await expect.element(reply()).toHaveValue('Sure. ');

    await day.fill('Monday');
    await form.getByRole('button', { name: 'Insert', exact: true }).click();
    await expect.element(reply()).toHaveValue('Sure. Hi Maria, Anna Rossi here: order A-1001 ships on Monday.');
    await expect.element(form).not.toBeInTheDocument();
    await expect.element(reply()).toHaveFocus();
    const field = reply().element() as HTMLTextAreaElement;
    expect(field.selectionStart).toBe(field.value.length);
  });

  it('inserts straight away when everything is known; Escape closes without inserting', async () => {
    await reply().fill('');
    await userEvent.keyboard('/');
    await expect.poll(() => options().elements()).toHaveLength(2);
    await userEvent.keyboard('{Escape}');
    await expect.element(combobox()).not.toBeInTheDocument();
    await expect.element(reply()).toHaveValue('');
    await expect.element(reply()).toHaveFocus();

    await userEvent.keyboard('/');
    await expect.poll(() => options().elements()).toHaveLength(2);
    await combobox().fill('hello');
    await userEvent.keyboard('{Enter}');
    await expect.element(reply()).toHaveValue('Hello Maria!');
  });

  it('Escape in the placeholder prompt closes it and leaves the draft as it was', async () => {
    const form = await pickOrderStatus('Draft stays');
    await expect.element(form.getByRole('textbox').first()).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect.element(form).not.toBeInTheDocument();
    await expect.element(reply()).toHaveValue('Draft stays');
    await expect.element(reply()).toHaveFocus();
  });
});
