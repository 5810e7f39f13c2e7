import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, h, nextTick, type App } from 'vue';
import type { Conversation, Message } from '../../protocol';
import { phraseMatcher } from '../../utils/highlight';
import { buildTimeline } from '../../utils/timeline';
import MessageList from './MessageList.vue';

let app: App | null = null;
let root: HTMLElement;

// happy-dom lays nothing out: rows are 60 px tall and the scroller shows 600 px, as a browser would measure them.
const ROW_PX = 60;
const realRect = HTMLElement.prototype.getBoundingClientRect;
const realOffsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight')!;
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('message-row') ? ROW_PX : this.classList.contains('message-scroll') ? 600 : 0;
    },
  });
  HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
    const height = this.classList.contains('message-row') ? ROW_PX : this.classList.contains('message-scroll') ? 600 : 0;
    return { width: 400, height, top: 0, left: 0, right: 400, bottom: height, x: 0, y: 0, toJSON() {} } as DOMRect;
  };
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  HTMLElement.prototype.getBoundingClientRect = realRect;
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', realOffsetHeight);
  app?.unmount();
  root.remove();
});

const conversation = { id: 'c1', visitorName: 'Vera', visitorEmail: null } as Conversation;
const message = (i: number, extra: Partial<Message> = {}): Message => ({
  id: `m${i}`, conversationId: 'c1', clientId: null, author: i % 2 ? 'rep' : 'visitor', authorName: i % 2 ? 'Anna' : null, repId: null,
  text: `line ${i}`, pageUrl: i % 2 ? null : 'https://shop.example/cart', createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), ...extra,
});

async function mount(messages: Message[], highlight: RegExp | null = null, outbox = [] as Parameters<typeof buildTimeline>[2]) {
  app = createApp({ render: () => h(MessageList, { conversation, items: buildTimeline(messages, [], outbox), myName: 'Anna', highlight }) });
  app.mount(root);
  const scroller = root.querySelector<HTMLElement>('.message-scroll')!;
  Object.defineProperty(scroller, 'clientHeight', { value: 600, configurable: true });
  Object.defineProperty(scroller, 'offsetHeight', { value: 600, configurable: true });
  scroller.dispatchEvent(new Event('scroll'));
  for (let i = 0; i < 5; i++) {
    await nextTick();
    await new Promise((r) => setTimeout(r, 20));
  }
  return root.querySelectorAll<HTMLLIElement>('ol.messages > li');
}

describe('message list', () => {
  it('renders a window of 10,000 messages, not all of them, and each row knows the list length', async () => {
    const rows = await mount(Array.from({ length: 10_000 }, (_, i) => message(i)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
  });

  it('shows sender, time, page URL of visitor lines, delivery state, and safe links', async () => {
    const rows = await mount([message(0, { text: 'see https://shop.example/x' }), message(1)], null, [
      { clientId: 'c-out-0001', conversationId: 'c1', text: 'still going', createdAt: Date.UTC(2026, 0, 2) },
      { clientId: 'c-out-0002', conversationId: 'c1', text: 'refused', createdAt: Date.UTC(2026, 0, 2) + 1, failed: 'too long' },
    ]);
    const text = [...rows].map((r) => r.textContent);
    expect(text[0]).toContain('Vera');
    expect(text[0]).toContain('https://shop.example/cart');
    expect(rows[0]!.querySelector('time')!.getAttribute('datetime')).toBe(message(0).createdAt);
    const link = rows[0]!.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://shop.example/x');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text[1]).toContain('Anna');
    expect(rows[1]!.querySelector('.delivery')!.textContent).toBe('sent');
    expect(rows[1]!.querySelector('.page-url')).toBeNull();
    expect(rows[2]!.querySelector('.delivery')!.textContent).toBe('sending…');
    expect(rows[3]!.querySelector('.delivery')!.textContent).toContain('too long');
  });

  it('highlights phrase hits as <mark> text and keeps markup as text', async () => {
    const rows = await mount([message(0, { text: '<b>Order</b> 42: order <img src=x onerror=alert(1)>' })], phraseMatcher('order'));
    const marks = [...rows[0]!.querySelectorAll('mark.hit')].map((m) => m.textContent);
    expect(marks).toEqual(['Order', 'order']);
    expect(rows[0]!.querySelector('img, b')).toBeNull();
    expect(rows[0]!.querySelector('.message-text')!.textContent).toBe('<b>Order</b> 42: order <img src=x onerror=alert(1)>');
  });
});
