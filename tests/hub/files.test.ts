import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { exe, flac, pdf, png, sha256, text } from './file-fixtures';
import { loginAs, startTestHub } from './support';

/** Files both ways against a real hub (FEATURES D3, D4): sniffing, limits, storage, access and approval. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let anna: RepActor;
let ben: RepActor;
let sara: RepActor;
let alexToken: string;
const LIMIT = 100_000;

beforeAll(async () => {
  t = await startTestHub();
  [anna, ben, sara] = await Promise.all([
    repActor(t.hub, 'anna@demo.parley.test'),
    repActor(t.hub, 'ben@demo.parley.test'),
    repActor(t.hub, 'sara@demo.parley.test'),
  ]);
  alexToken = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  await setChat({ fileMaxBytes: LIMIT });
  // Every test gives Anna one more conversation: room for all of them.
  await t.db.query('update queues set default_capacity = 100');
});
afterAll(async () => {
  for (const a of [anna, ben, sara]) a.close();
  await t.stop();
});

async function setChat(settings: { fileMaxBytes?: number; sneakPeek?: boolean }) {
  const res = await fetch(`${t.hub.url}/api/admin/chats/ch_demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${alexToken}` },
    body: JSON.stringify({ name: 'Demo shop', hours: null, ...settings }),
  });
  expect(res.status).toBe(204);
}

/** A visitor with a conversation Anna has taken. */
async function conversationWithAnna() {
  const visitor = await visitorActor(t.hub);
  const conversationId = await visitor.say('hello, a file is coming');
  expect(await anna.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
  return { visitor, visitorToken: visitor.token, conversationId };
}

const repUpload = (token: string, conversationId: string, name: string, body: Buffer) =>
  fetch(
    `${t.hub.url}/api/conversations/${conversationId}/files?${new URLSearchParams({ name, clientId: randomUUID() })}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new Blob([new Uint8Array(body)]),
    },
  );

const visitorUpload = (visitorToken: string, name: string, body: Buffer) =>
  fetch(
    `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name, clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/cart' })}`,
    {
      method: 'POST',
      headers: { 'x-parley-visitor': visitorToken },
      body: new Blob([new Uint8Array(body)]),
    },
  );

const fetchAsRep = (token: string, fileId: string) =>
  fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { authorization: `Bearer ${token}` } });
const fetchAsVisitor = (visitorToken: string, fileId: string) =>
  fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { 'x-parley-visitor': visitorToken } });

/** A well-formed credential the hub never minted. */
const strangerToken = () => randomBytes(32).toString('base64url');

const storedFiles = async () => (await readdir(t.hub.ctx.files.dir)).filter((f) => !f.startsWith('.'));
const fileRows = async () => Number((await t.db.query<{ n: string }>('select count(*) as n from files'))[0].n);

describe('refusals, each with its reason, storing nothing', () => {
  const cases: [string, string, () => Buffer, number, string][] = [
    ['a renamed executable with a .pdf name', 'invoice.pdf', exe, 415, 'file_type_not_allowed'],
    ['an empty file', 'empty.pdf', () => Buffer.alloc(0), 400, 'file_empty'],
    ['a type not on the list', 'song.flac', flac, 415, 'file_type_not_allowed'],
    ["an allowed type under another type's name", 'photo.pdf', png, 415, 'file_type_mismatch'],
  ];
  for (const [what, name, bytes, status, code] of cases) {
    it(`refuses ${what}, from a rep and from a visitor`, async () => {
      const { visitor, visitorToken, conversationId } = await conversationWithAnna();
      const [filesBefore, rowsBefore] = [await storedFiles(), await fileRows()];
      for (const res of [
        await repUpload(anna.token, conversationId, name, bytes()),
        await visitorUpload(visitorToken, name, bytes()),
      ]) {
        expect(res.status).toBe(status);
        const body = await res.json();
        expect(body.error.code).toBe(code);
        expect(body.error.message.length).toBeGreaterThan(10);
      }
      expect(await storedFiles()).toEqual(filesBefore);
      expect(await fileRows()).toBe(rowsBefore);
      visitor.close();
    });
  }

  it('says what a renamed executable really is', async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    const body = await (await repUpload(anna.token, conversationId, 'invoice.pdf', exe())).json();
    expect(body.error.message).toContain('EXE');
    visitor.close();
  });

  it("refuses a file over the chat's limit, declared or streamed, and takes one at the limit", async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const filesBefore = await storedFiles();
    const over = await repUpload(anna.token, conversationId, 'big.pdf', pdf(LIMIT + 1));
    expect(over.status).toBe(413);
    expect((await over.json()).error).toMatchObject({ code: 'file_too_large', limit: LIMIT });
    // No content-length: the hub has to count while it streams, and stop.
    const streamed = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request(
        `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name: 'big.pdf', clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/' })}`,
        {
          method: 'POST',
          headers: { 'x-parley-visitor': visitorToken, 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let raw = '';
          res.on('data', (d) => (raw += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) }));
        },
      );
      req.on('error', reject);
      const big = pdf(LIMIT * 3);
      for (let i = 0; i < big.length; i += 16_384) req.write(big.subarray(i, i + 16_384));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error).toMatchObject({ code: 'file_too_large', limit: LIMIT });
    expect(await storedFiles()).toEqual(filesBefore);
    const atLimit = await repUpload(anna.token, conversationId, 'exact.pdf', pdf(LIMIT));
    expect(atLimit.status).toBe(201);
    visitor.close();
  });

  it('uses the named default limit for a chat that sets none', async () => {
    const res = await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${alexToken}` } });
    const chat = (await res.json()).chats.find((c: { id: string }) => c.id === 'ch_demo');
    expect(chat.fileMaxBytes).toBe(LIMIT);
    await t.db.query('update chats set file_max_bytes = null where id = $1', ['ch_demo']);
    const again = (
      await (await fetch(`${t.hub.url}/api/admin/chats`, { headers: { authorization: `Bearer ${alexToken}` } })).json()
    ).chats.find((c: { id: string }) => c.id === 'ch_demo');
    expect(again.fileMaxBytes).toBe(FILE_LIMITS.defaultChatFileBytes);
    await setChat({ fileMaxBytes: LIMIT });
  });
});

describe('a rep sends a file', () => {
  it('arrives intact at the visitor, served as an attachment with nosniff; only its conversation may fetch it', async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const bytes = pdf(30_000);
    const res = await repUpload(anna.token, conversationId, '../../etc/Quote "2026".pdf', bytes);
    expect(res.status).toBe(201);
    const { message } = await res.json();
    expect(message.attachment).toMatchObject({
      name: 'Quote "2026".pdf',
      mime: 'application/pdf',
      size: bytes.length,
      status: 'accepted',
    });
    const pushed = await visitor.socket.next(
      (f) => f.type === 'message' && f.message.attachment?.id === message.attachment.id,
    );
    expect(pushed.message.attachment.status).toBe('accepted');

    const got = await fetchAsVisitor(visitorToken, message.attachment.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Quote _2026_.pdf"; filename\*=UTF-8''Quote%20%222026%22.pdf$/,
    );
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(bytes));

    // Another visitor and a rep without a view of the conversation are told it does not exist.
    expect((await fetchAsVisitor(strangerToken(), message.attachment.id)).status).toBe(404);
    // The visitor's public id (what reps see) is no credential (issue 14).
    expect((await fetchAsVisitor(visitor.id, message.attachment.id)).status).toBe(404);
    expect((await fetchAsRep(ben.token, message.attachment.id)).status).toBe(404);
    expect((await fetch(`${t.hub.url}/api/files/${message.attachment.id}`)).status).toBe(401);
    // The supervisor sees every conversation.
    expect((await fetchAsRep(sara.token, message.attachment.id)).status).toBe(200);
    visitor.close();
  });

  it('shows images inline, still with nosniff', async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const { message } = await (await repUpload(anna.token, conversationId, 'dot', png())).json();
    expect(message.attachment).toMatchObject({ name: 'dot.png', mime: 'image/png' });
    const got = await fetchAsVisitor(visitorToken, message.attachment.id);
    expect(got.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(png()));
    visitor.close();
  });

  it('is refused to a rep who may not reply in the conversation, before anything is stored', async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    const before = await storedFiles();
    const byBen = await repUpload(ben.token, conversationId, 'a.pdf', pdf());
    expect(byBen.status).toBe(403);
    const bySara = await repUpload(sara.token, conversationId, 'a.pdf', pdf());
    expect(bySara.status).toBe(403);
    expect((await bySara.json()).error.message).toContain('observers');
    expect(await storedFiles()).toEqual(before);
    visitor.close();
  });
});

describe("a visitor's file waits for approval", () => {
  it('is pending to everyone until the owner accepts it, then arrives intact at the rep', async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const bytes = text();
    const res = await visitorUpload(visitorToken, 'order.txt', bytes);
    expect(res.status).toBe(201);
    const { message } = await res.json();
    const fileId = message.attachment.id;
    expect(message.attachment).toMatchObject({ name: 'order.txt', mime: 'text/plain', status: 'pending' });
    const event = await anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.attachment?.id === fileId,
    );
    expect(event.event.message).toMatchObject({
      author: 'visitor',
      text: 'order.txt',
      pageUrl: 'https://shop.example/cart',
    });

    // Not served to anyone while it waits.
    for (const got of [await fetchAsVisitor(visitorToken, fileId), await fetchAsRep(anna.token, fileId)]) {
      expect(got.status).toBe(403);
      expect((await got.json()).error.message).toContain('waits');
    }
    // Only the owner (or a super user) decides.
    expect(await ben.cmd({ type: 'reviewFile', conversationId, fileId, decision: 'accept' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await sara.cmd({ type: 'reviewFile', conversationId, fileId, decision: 'accept' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await anna.cmd({ type: 'reviewFile', conversationId: 'c_other', fileId, decision: 'accept' })).toMatchObject(
      { type: 'error', code: 'not_found' },
    );
    expect((await fetchAsRep(anna.token, fileId)).status).toBe(403);

    expect(await anna.cmd({ type: 'reviewFile', conversationId, fileId, decision: 'accept' })).toMatchObject({
      type: 'ack',
    });
    const updated = await anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'message.updated' && f.event.message.id === message.id,
    );
    expect(updated.event.message.attachment.status).toBe('accepted');
    const told = await visitor.socket.next(
      (f) => f.type === 'message' && f.message.id === message.id && f.message.attachment.status === 'accepted',
    );
    expect(told.message.attachment.name).toBe('order.txt');
    const got = await fetchAsRep(anna.token, fileId);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(bytes));
    expect((await fetchAsVisitor(visitorToken, fileId)).status).toBe(200);
    // Decided once.
    expect(await anna.cmd({ type: 'reviewFile', conversationId, fileId, decision: 'reject' })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    visitor.close();
  });

  it('once rejected is never served, and its bytes are gone', async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const { message } = await (await visitorUpload(visitorToken, 'photo.png', png())).json();
    const fileId = message.attachment.id;
    expect(await storedFiles()).toContain(fileId);
    expect(await anna.cmd({ type: 'reviewFile', conversationId, fileId, decision: 'reject' })).toMatchObject({
      type: 'ack',
    });
    await visitor.socket.next(
      (f) => f.type === 'message' && f.message.id === message.id && f.message.attachment.status === 'rejected',
    );
    for (const got of [
      await fetchAsVisitor(visitorToken, fileId),
      await fetchAsRep(anna.token, fileId),
      await fetchAsRep(sara.token, fileId),
    ]) {
      expect(got.status).toBe(403);
      expect((await got.json()).error.message).toContain('rejected');
    }
    expect(await storedFiles()).not.toContain(fileId);
    visitor.close();
  });

  it('goes from disk when its conversation is deleted', async () => {
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    const mine = (await (await repUpload(anna.token, conversationId, 'a.pdf', pdf())).json()).message.attachment.id;
    const theirs = (await (await visitorUpload(visitorToken, 'b.txt', text())).json()).message.attachment.id;
    expect(await storedFiles()).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await ben.cmd({ type: 'delete', conversationId })).toMatchObject({ type: 'error' });
    expect(await storedFiles()).toEqual(expect.arrayContaining([mine, theirs]));
    expect(await anna.cmd({ type: 'markHandled', conversationId })).toMatchObject({ type: 'ack' });
    expect(await anna.cmd({ type: 'delete', conversationId })).toMatchObject({ type: 'ack' });
    expect(await storedFiles()).not.toContain(mine);
    expect(await storedFiles()).not.toContain(theirs);
    expect((await fetchAsVisitor(visitorToken, mine)).status).toBe(404);
    visitor.close();
  });

  it("a rep's own file cannot be reviewed; a visitor cannot upload into another chat or without a hello", async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    const { message } = await (await repUpload(anna.token, conversationId, 'a.pdf', pdf())).json();
    expect(
      await anna.cmd({ type: 'reviewFile', conversationId, fileId: message.attachment.id, decision: 'reject' }),
    ).toMatchObject({ type: 'error', code: 'conflict' });
    const stranger = await visitorUpload(strangerToken(), 'a.pdf', pdf());
    expect(stranger.status).toBe(404);
    // The visitor's public id is no credential (issue 14): nothing lands in their conversation.
    expect((await visitorUpload(visitor.id, 'a.pdf', pdf())).status).toBe(404);
    const noHeader = await fetch(
      `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name: 'a.pdf', clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/' })}`,
      { method: 'POST', body: new Blob([new Uint8Array(pdf())]) },
    );
    expect(noHeader.status).toBe(401);
    visitor.close();
  });
});

describe('file names from the shared XSS corpus', () => {
  it('are stored, pushed and served as the same plain text (only folders and control characters are taken out)', async () => {
    const { XSS_PAYLOADS } = await import('../fixtures/xss-payloads');
    const { visitor, visitorToken, conversationId } = await conversationWithAnna();
    for (const payload of XSS_PAYLOADS) {
      const declared = `${payload}.txt`;
      const res = await visitorUpload(visitorToken, declared, text());
      expect(res.status, declared).toBe(201);
      const { message } = await res.json();
      if (!/[/\\\p{Cc}\p{Cf}]/u.test(declared) && !/^[.\s]/.test(declared))
        expect(message.attachment.name).toBe(declared);
      expect(message.text).toBe(message.attachment.name);
      expect(
        await anna.cmd({ type: 'reviewFile', conversationId, fileId: message.attachment.id, decision: 'accept' }),
      ).toMatchObject({ type: 'ack' });
      const got = await fetchAsRep(anna.token, message.attachment.id);
      const star = /filename\*=UTF-8''(.*)$/.exec(got.headers.get('content-disposition') ?? '')?.[1];
      expect(decodeURIComponent(star ?? '')).toBe(message.attachment.name);
      await got.arrayBuffer();
    }
    visitor.close();
  }, 240_000);
});
