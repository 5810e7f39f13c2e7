import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DATA_OUT_LIMITS } from '#protocol';
import { MARIA, useMariaHub } from './data-out-support';
import { BACKENDS, loginAs, publicAddresses, startTestHub } from './support';

/**
 * Exporting a person (FEATURES H6, issue 20) on both databases: one zip archive with their record and
 * everything of it, their conversations with messages, notes and files (the bytes too), the pages
 * they were seen on and their purchases; super users only, and rate limited.
 */
describe.each(BACKENDS)('exporting a person on %s', (backend) => {
  const h = useMariaHub(backend);
  const json = (files: Record<string, Uint8Array>, name: string) => JSON.parse(new TextDecoder().decode(files[name]));

  it('is one zip with the record, its notes, tasks, tags and purchases, the conversations, the files’ bytes and the pages', async () => {
    const lookup = await h.call(
      'GET',
      `/api/admin/contacts?email=${encodeURIComponent(MARIA.email.toUpperCase())}`,
      h.alexToken,
    );
    expect(await lookup.json()).toEqual({
      contact: { id: MARIA.id, kind: 'person', name: MARIA.name, email: MARIA.email },
    });

    const res = await h.call('GET', `/api/admin/contacts/${MARIA.id}/export`, h.alexToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="parley-export-${MARIA.id}.zip"`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const fileName = `files/${h.maria.fileId}-order.txt`;
    expect(Object.keys(files).sort()).toEqual(
      [
        'manifest.json',
        'person.json',
        'visitors.json',
        `conversations/${h.maria.conversationId}.json`,
        fileName,
      ].sort(),
    );

    const person = json(files, 'person.json');
    expect(person.record).toMatchObject({ id: MARIA.id, email: MARIA.email, name: MARIA.name });
    expect(person.notes.map((n: { text: string }) => n.text)).toEqual(
      expect.arrayContaining([`record note ${h.maria.secret}`, `notice ${h.maria.secret}`]),
    );
    expect(person.tasks).toEqual([expect.objectContaining({ title: `call ${h.maria.secret}` })]);
    expect(person.tags).toEqual([expect.objectContaining({ tag: `tag-${h.maria.secret}` })]);
    expect(person.purchases).toEqual([
      expect.objectContaining({ order_id: `order-${h.maria.secret}`, sku: 'LAMP-1', product_name: 'Oak lamp' }),
    ]);

    const conversation = json(files, `conversations/${h.maria.conversationId}.json`);
    expect(conversation.conversation).toMatchObject({
      id: h.maria.conversationId,
      contact_id: MARIA.id,
      tags: ['vip'],
    });
    expect(conversation.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining([`My card ends in 4242, ${h.maria.secret}`, 'order.txt']),
    );
    expect(conversation.notes).toEqual([expect.objectContaining({ text: `internal: ${h.maria.secret}` })]);
    expect(conversation.files).toEqual([expect.objectContaining({ id: h.maria.fileId, archivePath: fileName })]);
    expect(Buffer.from(files[fileName])).toEqual(h.maria.fileBytes);

    const visitors = json(files, 'visitors.json');
    expect(visitors.visitors).toEqual([
      expect.objectContaining({ email: MARIA.email, name: MARIA.name }),
      expect.objectContaining({ id: 'v_wa_maria', phone: '+390551234567' }),
    ]);
    expect(JSON.stringify(visitors)).not.toContain('token_hash');
    expect(visitors.trackedPages).toEqual([
      expect.objectContaining({ kind: 'page_view', url: 'https://shop.example/maria-only', title: h.maria.secret }),
    ]);
    expect(json(files, 'manifest.json')).toMatchObject({
      contactId: MARIA.id,
      exportedBy: 'r_alex',
      conversations: [h.maria.conversationId],
      files: [fileName],
      missingFiles: [],
    });
  });

  it('lists a file whose bytes are gone as missing instead of failing', async () => {
    await h.t.hub.ctx.files.remove(h.maria.fileId);
    const res = await h.call('GET', `/api/admin/contacts/${MARIA.id}/export`, h.alexToken);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).not.toContain(`files/${h.maria.fileId}-order.txt`);
    expect(json(files, 'manifest.json').missingFiles).toEqual([`files/${h.maria.fileId}-order.txt`]);
  });
});

describe('exports from one address', () => {
  it('are refused past DATA_OUT_LIMITS.exportsPerIp with 429 and Retry-After; an unknown record is 404', async () => {
    const t = await startTestHub('pglite', { trustedProxies: ['loopback'] });
    try {
      const token = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
      const [from, other] = [publicAddresses('81.7')(), publicAddresses('81.8')()];
      const get = (ip: string) =>
        fetch(`${t.hub.url}/api/admin/contacts/ct_nobody/export`, {
          headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip },
        });
      const statuses: number[] = [];
      for (let i = 0; i < DATA_OUT_LIMITS.exportsPerIp.points; i++) statuses.push((await get(from)).status);
      expect(new Set(statuses)).toEqual(new Set([404]));
      const refused = await get(from);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).not.toBeNull();
      expect((await get(other)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
