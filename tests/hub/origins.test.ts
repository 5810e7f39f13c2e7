import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminChatsResponse, ORIGIN_LIMITS, PROTOCOL_VERSION } from '#protocol';
import { repActor, type RepActor } from './actors';
import { pdf } from './file-fixtures';
import { connect, loginAs, startTestHub, wsUrl } from './support';

/**
 * Allowed origins per chat (FEATURES H2) against a real hub: a browser on a site the chat does not
 * allow is refused on the visitor socket and the widget's REST calls, and nothing is stored.
 */
let t: Awaited<ReturnType<typeof startTestHub>>;
let admin: string;
let anna: RepActor;
const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

beforeAll(async () => {
  t = await startTestHub();
  admin = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  anna = await repActor(t.hub, 'anna@demo.parley.test');
  await t.db.query('update queues set default_capacity = 100');
});
afterAll(async () => {
  anna.close();
  await t.stop();
});

const putChat = (body: object, token = admin) =>
  fetch(`${t.hub.url}/api/admin/chats/ch_demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Demo shop', hours: null, ...body }),
  });
const listedOrigins = async () =>
  AdminChatsResponse.parse(
    await (await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${admin}` } })).json(),
  ).chats[0].allowedOrigins;
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.query<{ n: string }>(sql, params))[0].n);

/** A widget's socket as a browser on `origin` opens it (no header: not a browser). */
async function hello(origin: string | null) {
  const socket = await connect(wsUrl(t.hub.url, '/ws/visitor'), origin === null ? undefined : { origin });
  socket.send({ type: 'hello', v: PROTOCOL_VERSION, chatKey: 'demo-shop' });
  const first = await socket.next((f) => f.type === 'welcome' || f.type === 'error');
  return { socket, first, visitorId: first.visitorId as string, token: first.token as string };
}

const upload = (token: string, origin: string) =>
  fetch(
    `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name: 'a.pdf', clientId: randomUUID(), chat: 'demo-shop', pageUrl: `${SHOP}/` })}`,
    {
      method: 'POST',
      headers: { 'x-parley-visitor': token, origin },
      body: new Blob([new Uint8Array(pdf())]),
    },
  );

describe('allowed origins: settings', () => {
  it('the super user sets the list; origins are normalized and deduplicated; left out, it stays', async () => {
    expect(await listedOrigins()).toEqual([]);
    expect((await putChat({ allowedOrigins: ['https://Shop.example/', SHOP, 'http://127.0.0.1:8080'] })).status).toBe(
      204,
    );
    expect(await listedOrigins()).toEqual([SHOP, 'http://127.0.0.1:8080']);
    expect((await putChat({})).status).toBe(204);
    expect(await listedOrigins()).toEqual([SHOP, 'http://127.0.0.1:8080']);
  });

  it('refuses a path, another scheme, an over-long origin, too many of them, and non-admins — and keeps the list', async () => {
    for (const bad of [
      ['https://shop.example/cart'],
      ['ftp://shop.example'],
      ['shop.example'],
      [`https://${'a'.repeat(ORIGIN_LIMITS.originChars)}.example`],
    ]) {
      const res = await putChat({ allowedOrigins: bad });
      expect(res.status, bad[0]).toBe(400);
      expect((await res.json()).error.message).toMatch(/allowedOrigins/);
    }
    const many = Array.from({ length: ORIGIN_LIMITS.allowedOriginsPerChat + 1 }, (_, i) => `https://s${i}.example`);
    expect((await putChat({ allowedOrigins: many })).status).toBe(400);
    const rep = (await loginAs(t.hub.url, 'anna@demo.parley.test')).body.token;
    expect((await putChat({ allowedOrigins: [] }, rep)).status).toBe(403);
    expect(await listedOrigins()).toEqual([SHOP, 'http://127.0.0.1:8080']);
  });
});

describe('allowed origins: the visitor socket', () => {
  beforeAll(async () => expect((await putChat({ allowedOrigins: [SHOP] })).status).toBe(204));

  it('refuses a browser on another site with origin_not_allowed and closes; no visitor, conversation or message is stored', async () => {
    const before = [
      await count('select count(*) as n from visitors'),
      await count('select count(*) as n from messages'),
    ];
    for (const origin of [EVIL, 'null', 'http://shop.example']) {
      const { socket, first } = await hello(origin);
      expect(first, origin).toMatchObject({ type: 'error', code: 'origin_not_allowed' });
      expect(await socket.closed).toBe(1008);
    }
    expect([
      await count('select count(*) as n from visitors'),
      await count('select count(*) as n from messages'),
    ]).toEqual(before);
  });

  it('welcomes a listed origin, the hub’s own origin and a client without Origin (not a browser)', async () => {
    for (const origin of [SHOP, t.hub.url, null]) {
      const { socket, first, visitorId } = await hello(origin);
      expect(first, String(origin)).toMatchObject({ type: 'welcome' });
      const clientId = randomUUID();
      socket.send({ type: 'send', clientId, text: 'hello', pageUrl: `${SHOP}/` });
      await socket.next((f) => f.type === 'ack' && f.clientId === clientId);
      expect(
        await count(
          'select count(*) as n from messages m join conversations c on c.id = m.conversation_id where c.visitor_id = $1',
          [visitorId],
        ),
      ).toBe(1);
      socket.close();
    }
  });

  it('an empty list lets every origin in', async () => {
    expect((await putChat({ allowedOrigins: [] })).status).toBe(204);
    const { socket, first } = await hello(EVIL);
    expect(first).toMatchObject({ type: 'welcome' });
    socket.close();
    expect((await putChat({ allowedOrigins: [SHOP] })).status).toBe(204);
    const again = await hello(EVIL);
    expect(again.first).toMatchObject({ type: 'error', code: 'origin_not_allowed' });
  });
});

describe('allowed origins: the widget’s REST calls', () => {
  beforeAll(async () => expect((await putChat({ allowedOrigins: [SHOP] })).status).toBe(204));

  it('an upload from another site is refused before a byte is stored; from the shop it is kept', async () => {
    const { socket, token } = await hello(SHOP);
    const files = async () => (await readdir(t.hub.ctx.files.dir)).filter((f) => !f.startsWith('.')).length;
    const [rows, onDisk] = [await count('select count(*) as n from files'), await files()];
    const refused = await upload(token, EVIL);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('origin_not_allowed');
    expect([await count('select count(*) as n from files'), await files()]).toEqual([rows, onDisk]);
    const kept = await upload(token, SHOP);
    expect(kept.status).toBe(201);
    expect(await count('select count(*) as n from files')).toBe(rows + 1);
    socket.close();
  });

  it('the visitor’s own file is not handed to a page on another site', async () => {
    const { socket, token } = await hello(SHOP);
    const clientId = randomUUID();
    socket.send({ type: 'send', clientId, text: 'a file for me?', pageUrl: `${SHOP}/` });
    const { messageId } = await socket.next((f) => f.type === 'ack' && f.clientId === clientId);
    const [{ conversation_id: conversationId }] = await t.db.query<{ conversation_id: string }>(
      'select conversation_id from messages where id = $1',
      [messageId],
    );
    expect(await anna.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
    const sent = await fetch(
      `${t.hub.url}/api/conversations/${conversationId}/files?${new URLSearchParams({ name: 'offer.pdf', clientId: randomUUID() })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${anna.token}` },
        body: new Blob([new Uint8Array(pdf())]),
      },
    );
    expect(sent.status).toBe(201);
    const fileId = (await sent.json()).message.attachment.id;
    const get = (origin: string) =>
      fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { 'x-parley-visitor': token, origin } });
    const refused = await get(EVIL);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('origin_not_allowed');
    expect((await get(SHOP)).status).toBe(200);
    socket.close();
  });
});
