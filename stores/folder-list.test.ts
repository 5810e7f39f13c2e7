import 'fake-indexeddb/auto';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watch, type EffectScope } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { conversation, REP } from '#entrypoints/background/fake-hub.testing';
import { INBOX_FIRST_ROWS, type Conversation } from '#protocol';
import { clearAll, db } from '#utils/db';
import { repItem } from '#utils/settings';
import { useInboxStore } from './inbox';

vi.mock('#utils/messaging', () => ({ sendMessage: vi.fn() }));

let pinia: Pinia;
beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  await repItem.setValue({ ...REP });
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => {
  (pinia as unknown as { _e: EffectScope })._e.stop();
});

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();
/** A number in [0, n) from a fixed sequence, so the data are shuffled but the same on every run. */
const shuffled = (i: number, n: number) => (i * 7919) % n;

/** Every value a store field takes, from the first, as the panel would see them one after another. */
function history<T>(read: () => T): T[] {
  const seen: T[] = [];
  watch(read, (value) => seen.push(value), { flush: 'sync' });
  return seen;
}

describe('inbox folders, first screenful first (FEATURES D1)', () => {
  it("shows a folder's first screenful and its full count before the rest of the folder is read", async () => {
    await db.conversations.bulkPut(
      Array.from({ length: 300 }, (_, i) => conversation(`p${i}`, 'pending', null, { createdAt: at(i) })),
    );
    const inbox = useInboxStore();
    const rows = history(() => inbox.pending.length);
    const counts = history(() => inbox.counts.pending);

    await vi.waitFor(() => expect(inbox.pending).toHaveLength(300));
    expect(rows).toEqual([INBOX_FIRST_ROWS, 300]);
    expect(counts).toEqual([300]);
    expect(inbox.pending.slice(0, 3).map((c) => c.id)).toEqual(['p0', 'p1', 'p2']);
  });

  it("reads the first screenful in the whole folder's order: pending oldest first, the others newest message first", async () => {
    const n = 150;
    // Shuffled times with ties (three conversations a minute), so the order also depends on how ties break.
    const minute = (i: number) => Math.floor(shuffled(i, n) / 3);
    await db.conversations.bulkPut([
      ...Array.from({ length: n }, (_, i) => conversation(`p${i}`, 'pending', null, { createdAt: at(minute(i)) })),
      ...Array.from({ length: n }, (_, i) => conversation(`a${i}`, 'active', REP.id, { lastMessageAt: at(minute(i)) })),
    ]);
    const inbox = useInboxStore();
    const firstPending = history(() => inbox.pending.map((c) => c.id));
    const firstActive = history(() => inbox.active.map((c) => c.id));
    await vi.waitFor(() => expect([inbox.pending.length, inbox.active.length]).toEqual([n, n]));

    // The whole list sorted here: by time, ties by id (IndexedDB's order), reversed for newest first.
    const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const byTime = (key: 'createdAt' | 'lastMessageAt', sign: 1 | -1) => (list: Conversation[]) =>
      [...list].sort((x, y) => sign * (compare(x[key], y[key]) || compare(x.id, y.id))).map((c) => c.id);
    expect(inbox.pending.map((c) => c.id)).toEqual(byTime('createdAt', 1)(inbox.pending));
    expect(inbox.active.map((c) => c.id)).toEqual(byTime('lastMessageAt', -1)(inbox.active));
    expect(firstPending[0]).toEqual(inbox.pending.slice(0, INBOX_FIRST_ROWS).map((c) => c.id));
    expect(firstActive[0]).toEqual(inbox.active.slice(0, INBOX_FIRST_ROWS).map((c) => c.id));
  });

  it('counts a tag-filtered folder only once the whole folder is read, never from the first screenful', async () => {
    await db.conversations.bulkPut(
      Array.from({ length: 200 }, (_, i) =>
        conversation(`p${i}`, 'pending', null, { createdAt: at(i), tags: i % 10 === 0 ? ['vip'] : [] }),
      ),
    );
    const inbox = useInboxStore();
    inbox.tagFilter = 'vip';
    const counts = history(() => inbox.counts.pending);
    await vi.waitFor(() => expect(inbox.counts.pending).toBe(20));
    expect(counts).toEqual([20]);
    expect(inbox.pending.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => `p${i * 10}`));
  });

  it('follows changes made while only the first screenful is read, and after', async () => {
    await db.conversations.bulkPut(
      Array.from({ length: 100 }, (_, i) => conversation(`p${i}`, 'pending', null, { createdAt: at(i + 10) })),
    );
    const inbox = useInboxStore();
    await vi.waitFor(() => expect(inbox.counts.pending).toBe(100));
    await db.conversations.put(conversation('early', 'pending', null, { createdAt: at(0) }));
    await vi.waitFor(() => expect(inbox.pending[0]?.id).toBe('early'));
    await vi.waitFor(() => expect([inbox.pending.length, inbox.counts.pending]).toEqual([101, 101]));

    await db.conversations.update('p5', { folder: 'active', status: 'active', ownerId: REP.id, access: 'owner' });
    await vi.waitFor(() => expect([inbox.counts.pending, inbox.counts.active]).toEqual([100, 1]));
    expect(inbox.pending.some((c) => c.id === 'p5')).toBe(false);
    expect(inbox.active.map((c) => c.id)).toEqual(['p5']);
  });
});
