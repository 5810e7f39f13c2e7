import { describe, expect, it } from 'vitest';
import { pdf, png, sha256, text } from './file-fixtures';
import { anna, ben, sara, t, useFilesHub } from './files-support';
import { conversationWithAnna, fetchAsRep, fetchAsVisitor, repUpload } from './files-support';
import { storedFiles, strangerToken, visitorUpload } from './files-support';

/** Files sent and served against a real hub (FEATURES D3, D4): a rep's file reaching the visitor, access, and file names from the XSS corpus. */
useFilesHub();

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
