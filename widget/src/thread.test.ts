import { describe, expect, it } from 'vitest';
import type { VisitorMessage } from '#protocol/visitor';
import type { OutboxEntry } from './outbox';
import { Thread, viewItems } from './thread';

const msg = (over: Partial<VisitorMessage> & { id: string }): VisitorMessage => ({
  clientId: null,
  author: 'visitor',
  authorName: null,
  text: 'hi',
  createdAt: '2026-01-01T10:00:00.000Z',
  ...over,
});
const entry = (clientId: string, text = 'hi'): OutboxEntry => ({
  clientId,
  text,
  pageUrl: 'https://shop.test/',
  createdAt: '2026-01-01T10:00:05.000Z',
});

describe('Thread dedupe', () => {
  it('keeps a message pushed twice (welcome history and live push) once', () => {
    const t = new Thread();
    expect(t.upsert(msg({ id: 'm1', clientId: 'c-000001' }))).toBe(true);
    expect(t.upsert(msg({ id: 'm1', clientId: 'c-000001' }))).toBe(false);
    expect(t.list()).toHaveLength(1);
  });

  it('treats the same clientId under another id as the same message', () => {
    const t = new Thread();
    t.upsert(msg({ id: 'm1', clientId: 'c-000001', text: 'old' }));
    t.upsert(msg({ id: 'm2', clientId: 'c-000001', text: 'new' }));
    expect(t.list().map((m) => [m.id, m.text])).toEqual([['m2', 'new']]);
  });

  it('shows an acked message once whether the ack or the push comes first', () => {
    const ackFirst = new Thread();
    ackFirst.confirm(entry('c-000001'), 'm1');
    ackFirst.upsert(msg({ id: 'm1', clientId: 'c-000001' }));
    expect(ackFirst.list()).toHaveLength(1);

    const pushFirst = new Thread();
    pushFirst.upsert(msg({ id: 'm1', clientId: 'c-000001' }));
    expect(pushFirst.confirm(entry('c-000001'), 'm1')).toBe(false);
    expect(pushFirst.list()).toHaveLength(1);
  });

  it('orders by time, ties by arrival', () => {
    const t = new Thread();
    t.upsert(msg({ id: 'b', createdAt: '2026-01-01T10:00:02Z', text: 'second' }));
    t.upsert(msg({ id: 'a', createdAt: '2026-01-01T10:00:01Z', text: 'first' }));
    t.upsert(msg({ id: 'c', createdAt: '2026-01-01T10:00:02Z', text: 'third' }));
    expect(t.list().map((m) => m.text)).toEqual(['first', 'second', 'third']);
  });
});

describe('viewItems', () => {
  it('lists delivered messages, then pending outbox entries not yet in the thread', () => {
    const t = new Thread();
    t.upsert(msg({ id: 'm1', clientId: 'c-000001', text: 'delivered' }));
    t.upsert(msg({ id: 'm2', author: 'rep', authorName: 'Anna Rossi', text: 'Hello!' }));
    const items = viewItems(t, [entry('c-000001', 'delivered'), entry('c-000002', 'waiting')]);
    expect(items.map((i) => [i.key, i.author, i.authorName, i.text, i.pending])).toEqual([
      ['c:c-000001', 'visitor', null, 'delivered', false],
      ['m:m2', 'rep', 'Anna Rossi', 'Hello!', false],
      ['c:c-000002', 'visitor', null, 'waiting', true],
    ]);
  });

  it('keys a pending line and its delivered message alike, so the row is updated in place', () => {
    const t = new Thread();
    const [pending] = viewItems(t, [entry('c-000009')]);
    t.confirm(entry('c-000009'), 'm9');
    const [delivered] = viewItems(t, []);
    expect(delivered.key).toBe(pending.key);
    expect([pending.pending, delivered.pending]).toEqual([true, false]);
  });
});
