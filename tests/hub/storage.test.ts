import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '#hub/auth/passwords';
import { DEMO_REPS } from '#hub/demo/seed';
import { readEvents } from '#hub/events/log';
import { HubError } from '#hub/inbox/errors';
import { postRepMessage, takeConversation } from '#hub/inbox/rep';
import { postVisitorMessage } from '#hub/inbox/visitor';
import type { Db } from '#hub/storage/db';
import { migrate, readMigrations } from '#hub/storage/migrate';
import { BACKENDS, openDemoDb } from './support';

const asProfile = (r: (typeof DEMO_REPS)[number]) => ({ ...r, mode: r.role, status: 'online' as const });
const anna = asProfile(DEMO_REPS[0]);
const ben = asProfile(DEMO_REPS[1]);
const sara = asProfile(DEMO_REPS[2]);

describe.each(BACKENDS)('storage on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openDemoDb(backend, 'visitor-0001');
  });
  afterEach(() => db.close());

  const visitorSays = (clientId: string, text = 'Hello') =>
    postVisitorMessage(db, {
      chatId: 'ch_demo',
      visitorId: 'visitor-0001',
      clientId,
      text,
      pageUrl: 'https://shop.example/p/1',
    });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string }>('select name from migrations order by applied_at, name');
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((f) => f.name));
  });

  it('stores passwords as scrypt hashes that verify only the right password', async () => {
    const [row] = await db.query<{ password_hash: string }>('select password_hash from reps where id = $1', ['r_anna']);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain('parley-demo');
    expect(await verifyPassword('parley-demo', row.password_hash)).toBe(true);
    expect(await verifyPassword('parley-demo!', row.password_hash)).toBe(false);
    expect(await hashPassword('x')).not.toBe(await hashPassword('x'));
  });

  it('opens one pending conversation and appends events with increasing ids', async () => {
    const a = await visitorSays('client-0001', 'Hello');
    const b = await visitorSays('client-0002', 'Anyone there?');
    expect(a.events.map((e) => e.event.kind)).toEqual(['conversation.opened', 'message.created']);
    expect(b.events.map((e) => e.event.kind)).toEqual(['message.created']);
    expect(b.message.conversationId).toBe(a.message.conversationId);
    const ids = (await readEvents(db, 0, Number.MAX_SAFE_INTEGER, 'all', 100)).map((e) => e.event.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores a retried visitor message once and answers with the first result', async () => {
    const first = await visitorSays('client-retry', 'Hello');
    const again = await visitorSays('client-retry', 'Hello');
    expect(again.message.id).toBe(first.message.id);
    expect(again.events).toEqual([]);
    const [{ n }] = await db.query<{ n: string }>('select count(*) as n from messages');
    expect(Number(n)).toBe(1);
  });

  it('lets exactly one of several concurrent takes win', async () => {
    const { message } = await visitorSays('client-race', 'Hello');
    const results = await Promise.allSettled(
      [anna, ben, anna, ben].map((rep, i) => takeConversation(db, rep, message.conversationId, `take-race-${i}`)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as HubError).code).toBe('conflict');
    const [conv] = await db.query<{ status: string; owner_id: string }>('select status, owner_id from conversations');
    expect(conv.status).toBe('active');
    expect(['r_anna', 'r_ben']).toContain(conv.owner_id);
  });

  it('claims a pending conversation by the first reply and refuses another rep and observers', async () => {
    const { message } = await visitorSays('client-claim', 'Hello');
    const reply = await postRepMessage(db, anna, {
      conversationId: message.conversationId,
      clientId: 'rep-client-1',
      text: 'Hi!',
    });
    expect(reply.events.map((e) => e.event.kind)).toEqual(['conversation.updated', 'message.created']);
    await expect(
      postRepMessage(db, ben, { conversationId: message.conversationId, clientId: 'rep-client-2', text: 'Me too' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      postRepMessage(db, sara, { conversationId: message.conversationId, clientId: 'rep-client-3', text: 'Hello' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const texts = (await db.query<{ text: string }>('select text from messages order by created_at')).map(
      (r) => r.text,
    );
    expect(texts).toEqual(['Hello', 'Hi!']);
  });

  it('answers a retried take with the first result and acts once', async () => {
    const { message } = await visitorSays('client-take-retry', 'Hello');
    const first = await takeConversation(db, anna, message.conversationId, 'anna-take-0001');
    const retry = await takeConversation(db, anna, message.conversationId, 'anna-take-0001');
    expect(first).toHaveLength(1);
    expect(retry).toEqual([]);
    // A fresh attempt (new client id) is judged afresh: Anna already has it.
    await expect(takeConversation(db, anna, message.conversationId, 'anna-take-0002')).rejects.toMatchObject({
      code: 'conflict',
    });
    const [{ n }] = await db.query<{ n: string }>(
      `select count(*) as n from events where kind = 'conversation.updated'`,
    );
    expect(Number(n)).toBe(1);
  });

  it('keeps messages of one conversation in the order they were stored, even when sent at once', async () => {
    const { message } = await visitorSays('client-order-0', 'v0');
    await takeConversation(db, anna, message.conversationId, 'anna-take-order');
    const sends = Array.from({ length: 10 }, (_, i) =>
      i % 2
        ? visitorSays(`client-order-${i}`, `v${i}`)
        : postRepMessage(db, anna, {
            conversationId: message.conversationId,
            clientId: `anna-order-${i}`,
            text: `a${i}`,
          }),
    );
    await Promise.all(sends);
    const byTime = (await db.query<{ id: string }>('select id from messages order by created_at, id')).map((r) => r.id);
    const byEvent = (await readEvents(db, 0, Number.MAX_SAFE_INTEGER, 'all', 1000)).flatMap((e) =>
      e.event.kind === 'message.created' ? [e.event.message.id] : [],
    );
    expect(byTime).toEqual(byEvent);
  });

  it('rolls back a failed transaction completely', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into customers (id, name) values ('cu_x', 'Temp')`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query(`select 1 from customers where id = 'cu_x'`)).toEqual([]);
  });
});
