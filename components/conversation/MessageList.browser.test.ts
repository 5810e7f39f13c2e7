import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { h } from 'vue';
import type { Conversation, Message } from '#protocol';
import { phraseMatcher } from '#utils/highlight';
import { buildTimeline } from '#utils/timeline';
import MessageList from './MessageList.vue';

const conversation = { id: 'c1', visitorName: 'Vera', visitorEmail: null } as Conversation;
const message = (i: number, extra: Partial<Message> = {}): Message => ({
  id: `m${i}`,
  conversationId: 'c1',
  clientId: null,
  author: i % 2 ? 'rep' : 'visitor',
  authorName: i % 2 ? 'Anna' : null,
  repId: null,
  text: `line ${i}`,
  pageUrl: i % 2 ? null : 'https://shop.example/cart',
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  ...extra,
});

/** The list in a 600 px tall column, as the side panel's conversation view gives it. */
function mount(
  messages: Message[],
  highlight: RegExp | null = null,
  outbox = [] as Parameters<typeof buildTimeline>[2],
) {
  const items = buildTimeline(messages, [], outbox);
  const screen = render({
    render: () =>
      h('div', { style: 'height: 600px; width: 400px; display: flex; flex-direction: column' }, [
        h(MessageList, { conversation, items, myName: 'Anna', highlight }),
      ]),
  });
  return screen.getByRole('list', { name: 'Messages' }).getByRole('listitem');
}

describe('message list', () => {
  it('renders a window of 10,000 messages, not all of them, and each row knows the list length', async () => {
    const rows = mount(Array.from({ length: 10_000 }, (_, i) => message(i)));
    await expect.element(rows.first()).toHaveAttribute('aria-setsize', '10000');
    expect(rows.elements().length).toBeLessThan(100);
  });

  it('shows sender, time, page URL of visitor lines, delivery state, and safe links', async () => {
    const rows = mount([message(0, { text: 'see https://shop.example/x' }), message(1)], null, [
      { clientId: 'c-out-0001', conversationId: 'c1', text: 'still going', createdAt: Date.UTC(2026, 0, 2) },
      {
        clientId: 'c-out-0002',
        conversationId: 'c1',
        text: 'refused',
        createdAt: Date.UTC(2026, 0, 2) + 1,
        failed: 'too long',
      },
    ]);
    await expect.poll(() => rows.elements()).toHaveLength(4);
    await expect.element(rows.nth(0)).toHaveTextContent('Vera');
    await expect.element(rows.nth(0).getByText('on https://shop.example/cart')).toBeVisible();
    await expect.element(rows.nth(0).getByRole('time')).toHaveAttribute('datetime', message(0).createdAt);
    const link = rows.nth(0).getByRole('link', { name: 'https://shop.example/x' });
    await expect.element(link).toHaveAttribute('href', 'https://shop.example/x');
    await expect.element(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect.element(rows.nth(1)).toHaveTextContent('Anna');
    await expect.element(rows.nth(1).getByText('sent', { exact: true })).toBeVisible();
    await expect.element(rows.nth(1)).not.toHaveTextContent(/on https:/);
    await expect.element(rows.nth(2).getByText('sending…', { exact: true })).toBeVisible();
    await expect.element(rows.nth(3).getByText('not sent: too long')).toBeVisible();
  });

  it('highlights phrase hits as <mark> text and keeps markup as text', async () => {
    const rows = mount(
      [message(0, { text: '<b>Order</b> 42: order <img src=x onerror=alert(1)>' })],
      phraseMatcher('order'),
    );
    await expect.element(rows.first().getByText('<b>Order</b> 42: order <img src=x onerror=alert(1)>')).toBeVisible();
    expect(rows.first().element().querySelector('img, b')).toBeNull();
    expect(
      rows
        .first()
        .getByRole('mark')
        .elements()
        .map((m) => m.textContent),
    ).toEqual(['Order', 'order']);
  });
});
