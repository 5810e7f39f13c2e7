import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { FILE_LIMITS } from '#protocol';
import { exe, flac, pdf, png } from './file-fixtures';
import {
  LIMIT,
  alexToken,
  anna,
  conversationWithAnna,
  fileRows,
  repUpload,
  setChat,
  storedFiles,
  t,
  useFilesHub,
  visitorUpload,
} from './files-support';

/** Files refused against a real hub (FEATURES D3, D4): sniffed types, empty files and size limits, with nothing stored. */
useFilesHub();

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
