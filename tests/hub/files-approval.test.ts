import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdf, png, sha256, text } from './file-fixtures';
import {
  anna,
  ben,
  conversationWithAnna,
  fetchAsRep,
  fetchAsVisitor,
  repUpload,
  sara,
  storedFiles,
  strangerToken,
  t,
  useFilesHub,
  visitorUpload,
} from './files-support';

/** A visitor's file against a real hub (FEATURES D4): pending until the owner decides, rejected bytes and deleted conversations gone from disk. */
useFilesHub();

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
