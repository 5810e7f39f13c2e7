import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { eventually } from './actors';
import { filesHolding, findEverywhere, MARIA, useMariaHub } from './data-out-support';
import { rowsOf } from './schema-dump';
import { BACKENDS, connect, loginAs, wsUrl } from './support';

/**
 * Erasing a person (FEATURES H6, issue 20) on both databases: afterwards no table, no stored file and
 * no event holds their email, name or words, a rep replaying the log from event 0 gets none of it,
 * and the audit entry says who erased whom (by an opaque id) and when, and nothing else.
 */
describe.each(BACKENDS)('erasing a person on %s', (backend) => {
  const h = useMariaHub(backend);

  it('leaves no table, file or event holding their email, name or words, and an audit entry without them', async () => {
    // Before: the scan finds her everywhere she is (so it can fail).
    expect(await findEverywhere(h.t.db, h.maria.secret)).toEqual(
      expect.arrayContaining([
        'messages.text',
        'notes.text',
        'crm_notes.text',
        'crm_visitor_events.title',
        'events.payload',
        'channel_inbound.payload',
      ]),
    );
    expect(await findEverywhere(h.t.db, MARIA.email)).toEqual(
      expect.arrayContaining(['crm_contacts.email', 'visitors.email']),
    );
    expect(await filesHolding(h.t.hub.ctx.files.dir, h.maria.secret)).toEqual([h.maria.fileId]);

    const res = await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, h.alexToken);
    expect(res.status).toBe(200);
    const { erasure } = await res.json();
    expect(erasure).toMatchObject({
      subjectId: MARIA.id,
      erasedBy: 'r_alex',
      removed: expect.objectContaining({
        conversations: 1,
        files: 1,
        records: 1,
        trackedPages: 1,
        notes: 2,
        purchases: 1,
      }),
    });

    for (const needle of [MARIA.email, MARIA.name, h.maria.secret, 'My card ends in 4242'])
      expect({ needle, found: await findEverywhere(h.t.db, needle) }).toEqual({ needle, found: [] });
    // Someone else's WhatsApp item stays.
    expect(await h.t.db.query('select id from channel_inbound')).toEqual([{ id: 'ci_other' }]);
    await eventually(async () => expect(await filesHolding(h.t.hub.ctx.files.dir, h.maria.secret)).toEqual([]));
    const [audit] = await h.t.db.query<Record<string, unknown>>('select * from erasures');
    expect(audit).toMatchObject({ subject_id: MARIA.id, erased_by: 'r_alex' });
    expect(JSON.stringify(audit)).not.toMatch(/maria|bianchi|secret-/i);
    // Super users read the audit; reps may not.
    expect(await (await h.call('GET', '/api/admin/erasures', h.alexToken)).json()).toEqual({ erasures: [erasure] });
    const annaToken = (await loginAs(h.t.hub.url, 'anna@demo.parley.test')).body.token;
    expect((await h.call('GET', '/api/admin/erasures', annaToken)).status).toBe(403);
    // Another erasure of the same record finds nothing to erase.
    expect((await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, h.alexToken)).status).toBe(404);
  });

  it('a rep resuming from event 0 gets none of it, only the erasure with its ids; a live rep is told at once', async () => {
    const live = h.anna.socket.frames.length;
    expect((await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, h.alexToken)).status).toBe(200);
    const erased = { kind: 'person.erased', contactId: MARIA.id, conversationIds: [h.maria.conversationId] };
    await eventually(() =>
      expect(h.anna.socket.frames.slice(live)).toContainEqual({
        type: 'event',
        event: expect.objectContaining(erased),
      }),
    );

    for (const email of ['sara@demo.parley.test', 'anna@demo.parley.test', 'ben@demo.parley.test']) {
      const { body } = await loginAs(h.t.hub.url, email);
      const socket = await connect(wsUrl(h.t.hub.url, '/ws/rep'));
      socket.send({ type: 'hello', v: PROTOCOL_VERSION, token: body.token, lastEventId: 0 });
      const synced = await socket.next((f) => f.type === 'synced', 15_000);
      const all = JSON.stringify([...socket.frames, synced]);
      for (const needle of [MARIA.email, MARIA.name, h.maria.secret]) expect(all).not.toContain(needle);
      // Ben never saw her conversation, but may have had her card or a notice: the erasure reaches him too.
      expect(socket.frames).toContainEqual({ type: 'event', event: expect.objectContaining(erased) });
      socket.close();
    }
  });

  it('is refused to reps and supervisors (403) and changes nothing', async () => {
    const before = await rowsOf(h.t.db);
    for (const email of ['anna@demo.parley.test', 'sara@demo.parley.test']) {
      const token = (await loginAs(h.t.hub.url, email)).body.token;
      const res = await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, token);
      expect(res.status).toBe(403);
      expect((await h.call('GET', `/api/admin/contacts/${MARIA.id}/export`, token)).status).toBe(403);
    }
    expect((await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, null)).status).toBe(401);
    const after = await rowsOf(h.t.db);
    // Signing in wrote sessions; nothing else changed.
    delete before.sessions;
    delete after.sessions;
    delete before.reps;
    delete after.reps;
    expect(after).toEqual(before);
    expect(await filesHolding(h.t.hub.ctx.files.dir, h.maria.secret)).toEqual([h.maria.fileId]);
  });

  it('waits while one of their conversations is open: 409, nothing erased', async () => {
    await h.t.db.query(`update conversations set status = 'active' where id = $1`, [h.maria.conversationId]);
    const res = await h.call('DELETE', `/api/admin/contacts/${MARIA.id}`, h.alexToken);
    expect(res.status).toBe(409);
    expect(await findEverywhere(h.t.db, h.maria.secret)).toContain('messages.text');
    expect(await h.t.db.query('select * from erasures')).toEqual([]);
  });
});
