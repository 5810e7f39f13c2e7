import { describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import { MemoryStorage, uuid, VisitorCredential } from './storage';

const ids = () => {
  let n = 0;
  return () => `client-${String(++n).padStart(4, '0')}`;
};

describe('Outbox', () => {
  it('persists entries in storage before anything is sent, in the order they were added', () => {
    const storage = new MemoryStorage();
    const box = new Outbox(storage, 'demo-shop', ids());
    box.add('first', 'https://shop.test/a');
    box.add('second', 'https://shop.test/b');
    box.add('third', 'https://shop.test/a');

    // A fresh Outbox over the same storage (a reload) sees the same entries in the same order.
    const again = new Outbox(storage, 'demo-shop', ids());
    expect(again.list().map((e) => [e.clientId, e.text, e.pageUrl])).toEqual([
      ['client-0001', 'first', 'https://shop.test/a'],
      ['client-0002', 'second', 'https://shop.test/b'],
      ['client-0003', 'third', 'https://shop.test/a'],
    ]);
  });

  it('removes only the acked entry and keeps the others in order', () => {
    const storage = new MemoryStorage();
    const box = new Outbox(storage, 'demo-shop', ids());
    const a = box.add('a', 'https://shop.test/');
    const b = box.add('b', 'https://shop.test/');
    const c = box.add('c', 'https://shop.test/');

    expect(box.remove(b.clientId)).toEqual(b);
    expect(box.list().map((e) => e.clientId)).toEqual([a.clientId, c.clientId]);
    expect(box.remove(b.clientId)).toBeNull(); // a second ack for the same message changes nothing
    expect(box.has(a.clientId)).toBe(true);
    expect(box.has(b.clientId)).toBe(false);

    box.remove(a.clientId);
    box.remove(c.clientId);
    expect(box.list()).toEqual([]);
    expect(storage.length).toBe(0); // an empty outbox leaves nothing behind
  });

  it('keeps one outbox per chat key', () => {
    const storage = new MemoryStorage();
    new Outbox(storage, 'shop-a', ids()).add('for a', 'https://a.test/');
    expect(new Outbox(storage, 'shop-b', ids()).list()).toEqual([]);
    expect(new Outbox(storage, 'shop-a', ids()).list()).toHaveLength(1);
  });

  it('sees entries another tab added (every operation reads storage afresh)', () => {
    const storage = new MemoryStorage();
    const tab1 = new Outbox(storage, 'demo-shop', () => `tab1-${uuid()}`);
    const tab2 = new Outbox(storage, 'demo-shop', () => `tab2-${uuid()}`);
    tab1.add('from one', 'https://shop.test/');
    tab2.add('from two', 'https://shop.test/');
    expect(tab1.list().map((e) => e.text)).toEqual(['from one', 'from two']);
  });

  it('survives corrupt storage and keeps working in memory when storage refuses writes', () => {
    const storage = new MemoryStorage();
    storage.setItem('parley.outbox.demo-shop', '{not json');
    const box = new Outbox(storage, 'demo-shop', ids());
    expect(box.list()).toEqual([]);

    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const inMemory = new Outbox(full, 'demo-shop', ids());
    inMemory.add('kept anyway', 'https://shop.test/');
    expect(inMemory.list().map((e) => e.text)).toEqual(['kept anyway']);
  });
});

describe('visitor credential', () => {
  it('is null until the hub mints one, then kept per chat; a mangled one and the old self-made id are dropped', () => {
    const storage = new MemoryStorage();
    storage.setItem('parley.visitorId', 'visitor-0001');
    const first = new VisitorCredential(storage, 'demo-shop');
    expect(first.token).toBeNull();
    expect(storage.getItem('parley.visitorId')).toBeNull();
    const token = 'A'.repeat(43);
    first.set(token);
    expect(new VisitorCredential(storage, 'demo-shop').token).toBe(token);
    expect(new VisitorCredential(storage, 'other-chat').token).toBeNull();
    storage.setItem('parley.visitor.demo-shop', 'bad token!');
    expect(new VisitorCredential(storage, 'demo-shop').token).toBeNull();
  });
});
