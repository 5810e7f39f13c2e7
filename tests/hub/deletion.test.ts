import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#protocol';
import { logFloor, pruneEventLog } from '#hub/events/retention';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, linkChecked, takenConversation } from './crm-support';
import { pdf } from './file-fixtures';
import { BACKENDS, connect, loginAs, startTestHub, wsUrl, type TestSocket } from './support';

/**
 * Issue 14, deletion: deleting a conversation removes its events from the log, its files and its
 * chat summary, so a rep replaying from event 0 gets none of it; and a resume point older than the
 * log keeps gets a full re-sync, not a replay with a hole in it.
 */
describe.each(BACKENDS)('deleting on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  beforeEach(async () => {
    t = await startTestHub(backend);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
  });
  afterEach(async () => {
    anna.close();
    await t.stop();
  });

  /** A rep's socket from `lastEventId`, with every frame up to `synced`. */
  async function resume(
    email: string,
    lastEventId: number,
  ): Promise<{ socket: TestSocket; frames: any[]; synced: any }> {
    const { body } = await loginAs(t.hub.url, email);
    const socket = await connect(wsUrl(t.hub.url, '/ws/rep'));
    socket.send({ type: 'hello', v: PROTOCOL_VERSION, token: body.token, lastEventId });
    const synced = await socket.next((f) => f.type === 'synced', 15_000);
    return { socket, frames: [...socket.frames, synced], synced };
  }
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.db.query<{ n: string }>(sql, params))[0].n);

  it('removes its events, files and chat summary: a rep replaying from event 0 afterwards gets none of it', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor, 'My card ends in 4242, secret-words');
    const upload = await fetch(
      `${t.hub.url}/api/visitor/files?${new URLSearchParams({ name: 'statement.pdf', clientId: randomUUID(), chat: 'demo-shop', pageUrl: 'https://shop.example/' })}`,
      {
        method: 'POST',
        headers: { 'x-parley-visitor': visitor.token },
        body: new Blob([new Uint8Array(pdf())]),
      },
    );
    expect(upload.status).toBe(201);
    const fileId = (await upload.json()).message.attachment.id as string;
    expect(await anna.cmd({ type: 'addNote', conversationId: id, text: 'note with secret-words' })).toMatchObject({
      type: 'ack',
    });
    await identify(visitor, 'maria.bianchi@example.com');
    await linkChecked(anna, id, 'cu_1');
    // A notice to the record's owner that names the conversation: the record's, so it stays, redacted.
    expect(
      await crm(anna, { op: 'notifySales', contactId: 'cu_1', conversationId: id, text: 'Call Maria back' }),
    ).toMatchObject({ op: 'notifySales' });
    expect(await anna.cmd({ type: 'endSession', conversationId: id })).toMatchObject({ type: 'ack' });
    const summaries = `select count(*) as n from crm_activity where type = 'chat' and chat->>'conversationId' = $1`;
    expect(await count(summaries, [id])).toBe(1);
    expect(await count('select count(*) as n from events where conversation_id = $1', [id])).toBeGreaterThan(4);

    expect(await anna.cmd({ type: 'delete', conversationId: id })).toMatchObject({ type: 'ack' });
    // The log keeps only the notice that it is gone; nothing in it carries its words or its file.
    expect(await t.db.query('select kind from events where conversation_id = $1', [id])).toEqual([
      { kind: 'conversation.deleted' },
    ]);
    expect(
      await count(
        `select count(*) as n from events where payload::text like '%secret-words%' or payload::text like $1`,
        [`%${fileId}%`],
      ),
    ).toBe(0);
    const [notice] = await t.db.query<{ conversation_id: string | null; payload: any }>(
      `select conversation_id, payload from events where kind = 'crm.notification'`,
    );
    expect(notice).toMatchObject({
      conversation_id: null,
      payload: { notification: { text: 'Call Maria back', conversationId: null } },
    });
    expect(await count(summaries, [id])).toBe(0);
    expect(await count('select count(*) as n from files where id = $1', [fileId])).toBe(0);
    await eventually(async () => expect(await readdir(t.hub.ctx.files.dir)).not.toContain(fileId));
    expect(
      (await fetch(`${t.hub.url}/api/files/${fileId}`, { headers: { 'x-parley-visitor': visitor.token } })).status,
    ).toBe(404);

    // A supervisor (who sees every conversation) replaying the whole log: only the notice of the deletion.
    const sara = await resume('sara@demo.parley.test', 0);
    const about = sara.frames.filter((f) => JSON.stringify(f).includes(id));
    expect(about).toEqual([
      { type: 'event', event: expect.objectContaining({ kind: 'conversation.deleted', conversationId: id }) },
    ]);
    expect(JSON.stringify(sara.frames)).not.toContain('secret-words');
    sara.socket.close();
    visitor.close();
  });

  it('an old resume point past the log’s retention gets a full re-sync, not a partial replay', async () => {
    // Before: one conversation Anna has, one waiting, one deleted.
    const a = await visitorActor(t.hub);
    const active = await takenConversation(anna, a, 'kept and active');
    const b = await visitorActor(t.hub);
    const waiting = await b.say('kept and waiting');
    const d = await visitorActor(t.hub);
    const deleted = await takenConversation(anna, d, 'to be deleted');
    await anna.cmd({ type: 'endSession', conversationId: deleted });
    await anna.cmd({ type: 'delete', conversationId: deleted });
    const early = await resume('anna@demo.parley.test', 0);
    early.socket.close();
    const oldPoint = 3;
    expect(early.frames.some((f) => f.type === 'snapshot')).toBe(false); // nothing pruned yet: a replay

    // All of that ages past retention and is pruned, the deletion's notice with it; then something new.
    await t.db.query(`update events set created_at = now() - interval '40 days'`);
    expect(await pruneEventLog(t.db)).toBeGreaterThan(0);
    const floor = await logFloor(t.db);
    expect(floor).toBe(early.synced.lastEventId);
    const c = await visitorActor(t.hub);
    const fresh = await c.say('new since');
    await a.say('a second line'); // a change to a kept conversation after the floor
    await eventually(() => expect(anna.seen(fresh)).toBeDefined());

    const back = await resume('anna@demo.parley.test', oldPoint);
    const [snapshot, ...more] = back.frames.filter((f) => f.type === 'snapshot');
    expect(more).toEqual([]);
    expect(snapshot).toMatchObject({ first: true, last: true, lastEventId: expect.any(Number) });
    // The inbox as it stands, each conversation as the live rep saw it last; the deleted one is not in it.
    const ids = snapshot.conversations.map((conv: { id: string }) => conv.id).sort();
    expect(ids).toEqual([active, waiting, fresh].sort());
    // (The list's preview moves with each message, as the extension moves it on message.created.)
    const preview = { [active]: 'a second line', [waiting]: 'kept and waiting' };
    for (const id of [active, waiting]) {
      expect(snapshot.conversations.find((conv: { id: string }) => conv.id === id)).toEqual({
        ...anna.seen(id),
        lastMessageAt: expect.any(String),
        lastMessagePreview: preview[id],
      });
    }
    expect(snapshot.templates.length).toBeGreaterThan(0);
    // Then only what came after the snapshot: no event from below the floor.
    const replayed = back.frames.filter((f) => f.type === 'event');
    expect(replayed.every((f) => f.event.id > snapshot.lastEventId)).toBe(true);
    expect(back.frames.findIndex((f) => f.type === 'snapshot')).toBeLessThan(
      back.frames.findIndex((f) => f.type === 'synced'),
    );
    back.socket.close();

    // A fresh client (0) is below the floor too; a resume point at or above it gets the plain replay.
    expect((await resume('anna@demo.parley.test', 0)).frames.some((f) => f.type === 'snapshot')).toBe(true);
    const recent = await resume('anna@demo.parley.test', floor);
    expect(recent.frames.some((f) => f.type === 'snapshot')).toBe(false);
    expect(
      recent.frames
        .filter((f) => f.type === 'event')
        .map((f) => f.event.conversation?.id ?? f.event.message?.conversationId),
    ).toContain(fresh);
    recent.socket.close();
    for (const v of [a, b, c, d]) v.close();
  });
});
