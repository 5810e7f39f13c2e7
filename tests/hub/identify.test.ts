import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { startTestHub } from './support';

/** The pre-chat form's identify frame against a real hub: a name, an email, or both; never neither. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let anna: RepActor;
beforeAll(async () => {
  t = await startTestHub();
  anna = await repActor(t.hub, 'anna@demo.parley.test');
});
afterAll(async () => {
  anna.close();
  await t.stop();
});

const stored = async (id: string) =>
  (
    await t.db.query<{ name: string | null; email: string | null }>('select name, email from visitors where id = $1', [
      id,
    ])
  )[0];

describe('identify', () => {
  it('a name alone is stored, the visitor stays without email, and reps see the name on the open conversation', async () => {
    const v = await visitorActor(t.hub);
    const id = v.id;
    const conversationId = await v.say('hello');
    v.socket.send({ type: 'identify', name: '  Jana Nováková ' });
    expect(await v.socket.next((f) => f.type === 'identified' || f.type === 'error')).toEqual({
      type: 'identified',
      name: 'Jana Nováková',
    });
    expect(await stored(id)).toEqual({ name: 'Jana Nováková', email: null });
    await anna.socket.next(
      (f) =>
        f.type === 'event' &&
        f.event.conversation?.id === conversationId &&
        f.event.conversation.visitorName === 'Jana Nováková',
    );
    v.close();
  });

  it('an email alone keeps an earlier name; a later name keeps the email', async () => {
    const v = await visitorActor(t.hub);
    const id = v.id;
    v.socket.send({ type: 'identify', name: 'Ana' });
    await v.socket.next((f) => f.type === 'identified');
    v.socket.send({ type: 'identify', email: 'Ana@Example.test' });
    expect(await v.socket.next((f) => f.type === 'identified')).toEqual({
      type: 'identified',
      email: 'ana@example.test',
    });
    expect(await stored(id)).toEqual({ name: 'Ana', email: 'ana@example.test' });
    v.socket.send({ type: 'identify', name: 'Ana Novak' });
    await v.socket.next((f) => f.type === 'identified');
    expect(await stored(id)).toEqual({ name: 'Ana Novak', email: 'ana@example.test' });
    v.close();
  });

  it('refuses neither, a bad email, an empty or over-long name; nothing changes', async () => {
    const v = await visitorActor(t.hub);
    const id = v.id;
    for (const bad of [
      {},
      { email: 'nope' },
      { email: 'nope', name: 'Ana' },
      { name: '   ' },
      { name: 'x'.repeat(LIMITS.nameChars + 1) },
    ]) {
      v.socket.send({ type: 'identify', ...bad });
      expect(
        await v.socket.next((f) => f.type === 'identified' || f.type === 'error'),
        JSON.stringify(bad),
      ).toMatchObject({ type: 'error', code: expect.stringMatching(/^(bad_frame|too_large)$/) });
    }
    expect(await stored(id)).toEqual({ name: null, email: null });
    v.close();
  });
});
