import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_OUT_LIMITS } from '#protocol';
import { repActor, type RepActor } from './actors';
import { MARIA, mariaWithEverything, type Person } from './data-out-support';
import { restClient } from './rest-client';
import { BACKENDS, loginAs, publicAddresses, startTestHub } from './support';

/**
 * Exporting a person (FEATURES H6, issue 20) on both databases: one zip archive with their record and
 * everything of it, their conversations with messages, notes and files (the bytes too), the pages
 * they were seen on and their purchases; super users only, and rate limited.
 */
describe.each(BACKENDS)('exporting a person on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  let maria: Person;
  let alexToken: string;
  beforeEach(async () => {
    t = await startTestHub(backend);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    maria = await mariaWithEverything(t.hub, anna);
    alexToken = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  });
  afterEach(async () => {
    anna.close();
    await t.stop();
  });
  const call = (...a: Parameters<ReturnType<typeof restClient>['call']>) => restClient(t.hub.url).call(...a);
  const json = (files: Record<string, Uint8Array>, name: string) => JSON.parse(new TextDecoder().decode(files[name]));

  it('is one zip with the record, its notes, tasks, tags and purchases, the conversations, the files’ bytes and the pages', async () => {
    const lookup = await call(
      'GET',
      `/api/admin/contacts?email=${encodeURIComponent(MARIA.email.toUpperCase())}`,
      alexToken,
    );
    expect(await lookup.json()).toEqual({
      contact: { id: MARIA.id, kind: 'person', name: MARIA.name, email: MARIA.email },
    });

    const res = await call('GET', `/api/admin/contacts/${MARIA.id}/export`, alexToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="parley-export-${MARIA.id}.zip"`);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const fileName = `files/${maria.fileId}-order.txt`;
    expect(Object.keys(files).sort()).toEqual(
      ['manifest.json', 'person.json', 'visitors.json', `conversations/${maria.conversationId}.json`, fileName].sort(),
    );

    const person = json(files, 'person.json');
    expect(person.record).toMatchObject({ id: MARIA.id, email: MARIA.email, name: MARIA.name });
    expect(person.notes.map((n: { text: string }) => n.text)).toEqual(
      expect.arrayContaining([`record note ${maria.secret}`, `notice ${maria.secret}`]),
    );
    expect(person.tasks).toEqual([expect.objectContaining({ title: `call ${maria.secret}` })]);
    expect(person.tags).toEqual([expect.objectContaining({ tag: `tag-${maria.secret}` })]);
    expect(person.purchases).toEqual([
      expect.objectContaining({ order_id: `order-${maria.secret}`, sku: 'LAMP-1', product_name: 'Oak lamp' }),
    ]);

    const conversation = json(files, `conversations/${maria.conversationId}.json`);
    expect(conversation.conversation).toMatchObject({ id: maria.conversationId, contact_id: MARIA.id, tags: ['vip'] });
    expect(conversation.messages.map((m: { text: string }) => m.text)).toEqual(
      expect.arrayContaining([`My card ends in 4242, ${maria.secret}`, 'order.txt']),
    );
    expect(conversation.notes).toEqual([expect.objectContaining({ text: `internal: ${maria.secret}` })]);
    expect(conversation.files).toEqual([expect.objectContaining({ id: maria.fileId, archivePath: fileName })]);
    expect(Buffer.from(files[fileName])).toEqual(maria.fileBytes);

    const visitors = json(files, 'visitors.json');
    expect(visitors.visitors).toEqual([expect.objectContaining({ email: MARIA.email, name: MARIA.name })]);
    expect(JSON.stringify(visitors)).not.toContain('token_hash');
    expect(visitors.trackedPages).toEqual([
      expect.objectContaining({ kind: 'page_view', url: 'https://shop.example/maria-only', title: maria.secret }),
    ]);
    expect(json(files, 'manifest.json')).toMatchObject({
      contactId: MARIA.id,
      exportedBy: 'r_alex',
      conversations: [maria.conversationId],
      files: [fileName],
      missingFiles: [],
    });
  });

  it('lists a file whose bytes are gone as missing instead of failing', async () => {
    await t.hub.ctx.files.remove(maria.fileId);
    const res = await call('GET', `/api/admin/contacts/${MARIA.id}/export`, alexToken);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).not.toContain(`files/${maria.fileId}-order.txt`);
    expect(json(files, 'manifest.json').missingFiles).toEqual([`files/${maria.fileId}-order.txt`]);
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
