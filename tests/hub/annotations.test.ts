import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_LIMITS } from '#protocol';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { startTestHub } from './support';

/**
 * Tags, internal notes and the visitor's history (FEATURES D7, D9, D10) on a real hub with real
 * sockets: who may, what each rep is told, what is stored, and that a note never reaches a visitor.
 */
let t: Awaited<ReturnType<typeof startTestHub>>;
const reps: Record<'anna' | 'ben' | 'sara' | 'alex', RepActor> = {} as never;
beforeAll(async () => {
  t = await startTestHub();
  await t.db.query('update queues set default_capacity = 100');
  for (const who of ['anna', 'ben', 'sara', 'alex'] as const)
    reps[who] = await repActor(t.hub, `${who}@demo.parley.test`);
});
afterAll(async () => {
  Object.values(reps).forEach((r) => r.close());
  await t.stop();
});

/** A visitor's conversation that Anna has taken; the visitor stays connected and every raw frame it receives is kept. */
async function annasConversation(email?: string) {
  const visitor = await visitorActor(t.hub);
  const raw: string[] = [];
  visitor.socket.ws.on('message', (data) => raw.push(data.toString()));
  if (email) {
    visitor.socket.send({ type: 'identify', email });
    await visitor.socket.next((f) => f.type === 'identified');
  }
  const id = await visitor.say(`hello ${randomUUID()}`);
  expect((await reps.anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
  return { id, visitor, raw };
}

const storedTags = async (id: string) =>
  (await t.db.query<{ tags: string[] }>('select tags from conversations where id = $1', [id]))[0]!.tags;
const eventsOf = (rep: RepActor, kind: string, conversationId: string) =>
  rep.socket.frames.filter(
    (f) =>
      f.type === 'event' &&
      f.event.kind === kind &&
      (f.event.conversation?.id ?? f.event.note?.conversationId) === conversationId,
  );

describe('tags', () => {
  it('the owner adds and removes tags; they are normalised, stored, and told to the audience and supervisors only', async () => {
    const { id, visitor } = await annasConversation();
    expect((await reps.anna.cmd({ type: 'addTag', conversationId: id, tag: '  VIP   Customer ' })).type).toBe('ack');
    expect(await storedTags(id)).toEqual(['vip customer']);
    await eventually(() => expect(reps.anna.seen(id).tags).toEqual(['vip customer']));
    await eventually(() => expect(reps.sara.seen(id).tags).toEqual(['vip customer']));
    // Ben has no view of Anna's active conversation: he is not told.
    expect(reps.ben.seen(id)?.tags ?? []).toEqual([]);

    // The same tag again (any case) changes nothing and logs nothing.
    const before = eventsOf(reps.anna, 'conversation.updated', id).length;
    expect((await reps.anna.cmd({ type: 'addTag', conversationId: id, tag: 'vip CUSTOMER' })).type).toBe('ack');
    expect(await storedTags(id)).toEqual(['vip customer']);
    expect((await reps.anna.cmd({ type: 'removeTag', conversationId: id, tag: 'VIP customer' })).type).toBe('ack');
    expect(await storedTags(id)).toEqual([]);
    await eventually(() => expect(reps.anna.seen(id).tags).toEqual([]));
    expect(eventsOf(reps.anna, 'conversation.updated', id).length).toBe(before + 1);
    visitor.close();
  });

  it('refuses tags that are empty, too long, with control characters, or beyond the per-conversation limit, changing nothing', async () => {
    const { id, visitor } = await annasConversation();
    const refused = async (tag: string, code: string) => {
      const answer = await reps.anna.cmd({ type: 'addTag', conversationId: id, tag });
      expect(answer.type, tag).toBe('error');
      expect(answer.code, answer.message).toBe(code);
    };
    await refused('   ', 'bad_frame');
    await refused('x'.repeat(ANNOTATION_LIMITS.tagChars + 1), 'too_large');
    await refused('bell\u0007', 'bad_frame');
    expect(await storedTags(id)).toEqual([]);
    for (let i = 0; i < ANNOTATION_LIMITS.tagsPerConversation; i++)
      expect((await reps.anna.cmd({ type: 'addTag', conversationId: id, tag: `t${i}` })).type).toBe('ack');
    const over = await reps.anna.cmd({ type: 'addTag', conversationId: id, tag: 'one more' });
    expect(over).toMatchObject({ type: 'error', code: 'too_large' });
    expect((await storedTags(id)).length).toBe(ANNOTATION_LIMITS.tagsPerConversation);
    visitor.close();
  });

  it('a rep without the conversation and an observer may not tag it; a super user may', async () => {
    const { id, visitor } = await annasConversation();
    expect(await reps.ben.cmd({ type: 'addTag', conversationId: id, tag: 'ben' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await reps.sara.cmd({ type: 'addTag', conversationId: id, tag: 'sara' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await storedTags(id)).toEqual([]);
    expect((await reps.alex.cmd({ type: 'addTag', conversationId: id, tag: 'alex' })).type).toBe('ack');
    expect(await storedTags(id)).toEqual(['alex']);
    visitor.close();
  });
});

describe('internal notes', () => {
  it('reach the reps who see the conversation and supervisors, are stored once per client id, and never reach the visitor', async () => {
    const { id, visitor, raw } = await annasConversation();
    const secret = `internal-${randomUUID()}`;
    const clientId = randomUUID();
    expect((await reps.anna.cmd({ type: 'addNote', conversationId: id, clientId, text: ` ${secret} ` })).type).toBe(
      'ack',
    );
    // A retry with the same client id is answered, not stored again.
    expect((await reps.anna.cmd({ type: 'addNote', conversationId: id, clientId, text: secret })).type).toBe('ack');
    const rows = await t.db.query<{ text: string; author_name: string }>(
      'select text, author_name from notes where conversation_id = $1',
      [id],
    );
    expect(rows).toEqual([{ text: secret, author_name: 'Anna Rossi' }]);

    await eventually(() =>
      expect(eventsOf(reps.anna, 'note.created', id).map((f) => f.event.note.text)).toEqual([secret]),
    );
    await eventually(() => expect(eventsOf(reps.sara, 'note.created', id).length).toBe(1));
    expect(eventsOf(reps.ben, 'note.created', id)).toEqual([]);

    // The visitor's socket is live: a reply sent after the note reaches it, the note never did.
    expect((await reps.anna.cmd({ type: 'send', conversationId: id, text: 'a reply after the note' })).type).toBe(
      'ack',
    );
    await visitor.socket.next((f) => f.type === 'message' && f.message.text === 'a reply after the note');
    expect(raw.some((frame) => frame.includes(secret))).toBe(false);
    expect(raw.some((frame) => frame.includes('note'))).toBe(true); // the reply's text: the capture works

    // A history answer carries the notes for a rep who may read the conversation.
    const reqId = randomUUID();
    reps.sara.socket.send({ type: 'history', reqId, conversationId: id });
    const history = await reps.sara.socket.next((f) => f.type === 'history' && f.reqId === reqId);
    expect(history.notes.map((n: { text: string }) => n.text)).toEqual([secret]);
    visitor.close();
  });

  it('an observer and a rep without the conversation may not add notes', async () => {
    const { id, visitor } = await annasConversation();
    expect(await reps.sara.cmd({ type: 'addNote', conversationId: id, text: 'from sara' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await reps.ben.cmd({ type: 'addNote', conversationId: id, text: 'from ben' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(
      await reps.anna.cmd({ type: 'addNote', conversationId: id, text: 'x'.repeat(ANNOTATION_LIMITS.noteChars + 1) }),
    ).toMatchObject({ type: 'error', code: 'too_large' });
    expect((await t.db.query('select 1 from notes where conversation_id = $1', [id])).length).toBe(0);
    visitor.close();
  });
});

describe("the visitor's history", () => {
  it('shows a rep the same visitor’s earlier conversations handled by another rep; refuses a rep who cannot read the current one', async () => {
    const email = `history-${randomUUID()}@example.com`;
    const first = await annasConversation(email);
    expect(
      (await reps.anna.cmd({ type: 'send', conversationId: first.id, text: 'Anna answered the first time' })).type,
    ).toBe('ack');
    expect((await reps.anna.cmd({ type: 'addTag', conversationId: first.id, tag: 'returns' })).type).toBe('ack');
    expect((await reps.anna.cmd({ type: 'markHandled', conversationId: first.id })).type).toBe('ack');
    // Handled: the visitor's next message opens a new conversation, which Ben takes.
    const second = await first.visitor.say('back again');
    expect(second).not.toBe(first.id);
    expect((await reps.ben.cmd({ type: 'take', conversationId: second })).type).toBe('ack');

    const ask = async (rep: RepActor, conversationId: string) => {
      const reqId = randomUUID();
      rep.socket.send({ type: 'visitorHistory', reqId, conversationId });
      return rep.socket.next((f) => f.reqId === reqId);
    };
    const answer = await ask(reps.ben, second);
    expect(answer.type).toBe('visitorHistory');
    expect(answer.conversations.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect(answer.conversations[0]).toMatchObject({ ownerName: 'Anna Rossi', status: 'archived', tags: ['returns'] });
    expect(answer.conversations[0].messages.map((m: { text: string }) => m.text)).toContain(
      'Anna answered the first time',
    );

    // Anna handed the first one over and has no view of Ben's: she cannot list history through it.
    expect(await ask(reps.anna, second)).toMatchObject({ type: 'error', code: 'not_found' });
    // A supervisor may.
    expect((await ask(reps.sara, second)).conversations.length).toBe(1);
    first.visitor.close();
  });
});
