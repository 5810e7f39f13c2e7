import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminChatsResponse } from '#protocol';
import { loginAs, startTestHub } from './support';

/** Super-user settings over REST: read, change, validated, refused to everyone else. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let admin: string;
let rep: string;
beforeAll(async () => {
  t = await startTestHub();
  admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
});
afterAll(() => t.stop());

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(`${t.hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const queue = {
  name: 'Sales & support',
  strategy: 'ring',
  ringSize: 1,
  offerTimeoutSeconds: 45,
  defaultCapacity: 2,
  members: [
    { repId: 'r_ben', capacity: 4 },
    { repId: 'r_anna', capacity: null },
  ],
};

describe('super-user settings', () => {
  it('lists chats with their queues, and saves a queue and business hours', async () => {
    const before = AdminChatsResponse.parse(await (await call('GET', '/api/admin/chats', admin)).json());
    expect(before.chats.map((c) => c.key)).toEqual(['demo-shop']);
    expect(before.chats[0].queues[0]).toMatchObject({ id: 'q_demo', strategy: 'broadcast' });
    expect((await call('PUT', '/api/admin/queues/q_demo', admin, queue)).status).toBe(204);
    const hours = { timezone: 'Europe/Prague', weekly: { mon: [{ from: '08:00', to: '16:30' }] } };
    expect((await call('PUT', '/api/admin/chats/ch_demo', admin, { name: 'Demo shop', hours })).status).toBe(204);
    const after = AdminChatsResponse.parse(await (await call('GET', '/api/admin/chats', admin)).json());
    expect(after.chats[0].hours).toEqual(hours);
    expect(after.chats[0].queues[0]).toMatchObject({ ...queue, id: 'q_demo' });
  });

  it('refuses reps, and explains a bad body', async () => {
    expect((await call('GET', '/api/admin/chats', rep)).status).toBe(403);
    expect((await call('PUT', '/api/admin/queues/q_demo', rep, queue)).status).toBe(403);
    expect((await call('GET', '/api/admin/chats', 'nope')).status).toBe(401);
    const bad = await call('PUT', '/api/admin/queues/q_demo', admin, { ...queue, strategy: 'lottery' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/strategy/);
    const badHours = await call('PUT', '/api/admin/chats/ch_demo', admin, {
      name: 'Demo shop',
      hours: { timezone: 'Mars/Olympus', weekly: {} },
    });
    expect((await badHours.json()).error.message).toMatch(/time zone/);
    expect((await call('PUT', '/api/admin/queues/q_nope', admin, queue)).status).toBe(404);
  });
});
