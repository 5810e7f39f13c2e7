import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '#hub/events/log';
import { createVisitorViews } from '#hub/routing/visitor-view';
import type { Db } from '#hub/storage/db';
import { startTestHub } from './support';

/** The per-chat visitor view: shared by every socket that asks, rebuilt only when something moved. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let queries = 0;
let counted: Db;
beforeAll(async () => {
  t = await startTestHub();
  counted = { ...t.db, query: (text: string, params?: unknown[]) => (queries++, t.db.query(text, params)) } as Db;
});
afterAll(() => t.stop());

const event = (kind: string, chatId = 'ch_demo') =>
  ({ id: 1, visitorId: null, event: { kind, chatId } }) as unknown as StoredEvent;

async function openPending(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `c_view_${i}`);
  for (const [i, id] of ids.entries()) {
    await t.db.query(`insert into visitors (id, chat_id) values ($1, 'ch_demo') on conflict do nothing`, [
      `v_view_${i}`,
    ]);
    await t.db.query(
      `insert into conversations (id, chat_id, visitor_id, queue_id, created_at) values ($1, 'ch_demo', $2, 'q_demo', now() + ($3 || ' ms')::interval)`,
      [id, `v_view_${i}`, String(i)],
    );
  }
  return ids;
}

describe('visitor views', () => {
  it('computes a chat once for any number of waiting visitors, and places each in order', async () => {
    const ids = await openPending(30);
    const views = createVisitorViews(counted, Date.now);
    const seen = await Promise.all(ids.map(async (id) => (await views.view('ch_demo')).queueOf(id)?.position));
    expect(seen).toEqual(ids.map((_, i) => i + 1));
    const perView = queries;
    expect(perView).toBeGreaterThan(0);
    expect(perView).toBeLessThanOrEqual(5); // the same for 30 visitors as for one
    expect((await views.view('ch_demo')).queueOf('c_not_waiting')).toBeNull();
    expect(queries).toBe(perView);
  });

  it('keeps the view through messages and rebuilds it after anything else in the chat', async () => {
    const views = createVisitorViews(counted, Date.now);
    const first = await views.view('ch_demo');
    views.onEvent(event('message.created'));
    views.onEvent(event('conversation.opened', 'ch_other'));
    expect(await views.view('ch_demo')).toBe(first);
    await t.db.query(`update conversations set status = 'active' where id = 'c_view_0'`);
    views.onEvent(event('conversation.updated'));
    const after = await views.view('ch_demo');
    expect(after).not.toBe(first);
    expect(after.queueOf('c_view_0')).toBeNull();
    expect(after.queueOf('c_view_1')?.position).toBe(1);
  });

  it('looks again once a view is older than its maximum age, since opening hours change silently', async () => {
    let now = Date.now();
    const views = createVisitorViews(counted, () => now);
    const first = await views.view('ch_demo');
    now += 29_000;
    expect(await views.view('ch_demo')).toBe(first);
    now += 2_000;
    expect(await views.view('ch_demo')).not.toBe(first);
  });
});
