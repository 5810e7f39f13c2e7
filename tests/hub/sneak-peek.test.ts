import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNEAK_PEEK } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { loginAs, startTestHub } from './support';

/** Sneak peek and typing (FEATURES D2) against a real hub: relayed live, to the right people only, and switched off per chat. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let anna: RepActor;
let ben: RepActor;
let alexToken: string;

beforeAll(async () => {
  t = await startTestHub();
  [anna, ben] = await Promise.all([repActor(t.hub, 'anna@demo.parley.test'), repActor(t.hub, 'ben@demo.parley.test')]);
  alexToken = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
  await t.db.query('update queues set default_capacity = 100');
});
afterAll(async () => {
  anna.close();
  ben.close();
  await t.stop();
});

async function setSneakPeek(on: boolean) {
  const res = await fetch(`${t.hub.url}/api/admin/chats/ch_demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${alexToken}` },
    body: JSON.stringify({ name: 'Demo shop', hours: null, sneakPeek: on }),
  });
  expect(res.status).toBe(204);
}

async function conversationWithAnna() {
  const visitor = await visitorActor(t.hub);
  const conversationId = await visitor.say('hi');
  expect(await anna.cmd({ type: 'take', conversationId })).toMatchObject({ type: 'ack' });
  return { visitor, conversationId };
}

const drafts = (rep: RepActor, conversationId: string) =>
  rep.socket.frames.filter((f) => f.type === 'draft' && f.conversationId === conversationId);

describe('sneak peek', () => {
  it("tells the widget it is on, relays the visitor's draft to the owner only, and clears it when sent", async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    expect(
      visitor.socket.frames.find((f) => f.type === 'features') ??
        (await visitor.socket.next((f) => f.type === 'features')),
    ).toMatchObject({ sneakPeek: true });
    visitor.socket.send({ type: 'draft', text: 'Do you ship to Mil' });
    expect(await anna.socket.next((f) => f.type === 'draft' && f.conversationId === conversationId)).toEqual({
      type: 'draft',
      conversationId,
      text: 'Do you ship to Mil',
    });
    visitor.socket.send({ type: 'draft', text: 'Do you ship to Milan?' });
    expect((await anna.socket.next((f) => f.type === 'draft' && f.conversationId === conversationId)).text).toBe(
      'Do you ship to Milan?',
    );
    const clientId = randomUUID();
    visitor.socket.send({ type: 'send', clientId, text: 'Do you ship to Milan?', pageUrl: 'https://shop.example/' });
    expect(await anna.socket.next((f) => f.type === 'draft' && f.conversationId === conversationId)).toEqual({
      type: 'draft',
      conversationId,
      text: '',
    });
    await anna.socket.next(
      (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.clientId === clientId,
    );
    // Ben has no view of Anna's conversation: he never saw a draft of it.
    expect(drafts(ben, conversationId)).toEqual([]);
    visitor.close();
  });

  it('refuses a draft over its limit', async () => {
    const { visitor } = await conversationWithAnna();
    visitor.socket.send({ type: 'draft', text: 'x'.repeat(SNEAK_PEEK.draftChars + 1) });
    expect(await visitor.socket.next((f) => f.type === 'error')).toMatchObject({
      code: 'too_large',
      limit: SNEAK_PEEK.draftChars,
    });
    visitor.close();
  });

  it('switched off for the chat: the hub relays nothing and tells the widget to stop', async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    await setSneakPeek(false);
    try {
      visitor.socket.frames.length = 0;
      visitor.socket.send({ type: 'draft', text: 'my card number is 4111' });
      expect(await visitor.socket.next((f) => f.type === 'features')).toMatchObject({ sneakPeek: false });
      // A message sent after the draft reaches Anna after anything the draft would have caused.
      const clientId = randomUUID();
      visitor.socket.send({ type: 'send', clientId, text: 'never mind', pageUrl: 'https://shop.example/' });
      await anna.socket.next(
        (f) => f.type === 'event' && f.event.kind === 'message.created' && f.event.message.clientId === clientId,
      );
      expect(drafts(anna, conversationId)).toEqual([]);
      // A widget that connects now is told at once.
      const fresh = await visitorActor(t.hub);
      expect(await fresh.socket.next((f) => f.type === 'features')).toMatchObject({ sneakPeek: false });
      fresh.close();
    } finally {
      await setSneakPeek(true);
    }
    visitor.close();
  });
});

describe('typing', () => {
  it('shows the visitor when the owner types, and refuses it from a rep who may not reply', async () => {
    const { visitor, conversationId } = await conversationWithAnna();
    anna.socket.send({ type: 'typing', conversationId, typing: true });
    expect(await visitor.socket.next((f) => f.type === 'typing')).toEqual({ type: 'typing', typing: true });
    anna.socket.send({ type: 'typing', conversationId, typing: false });
    expect(await visitor.socket.next((f) => f.type === 'typing')).toEqual({ type: 'typing', typing: false });
    ben.socket.send({ type: 'typing', conversationId, typing: true });
    expect(await ben.socket.next((f) => f.type === 'error')).toMatchObject({ code: 'forbidden' });
    // Ben's refused "typing" never reached the visitor: Anna's next one is the next they hear.
    anna.socket.send({ type: 'typing', conversationId, typing: true });
    expect(await visitor.socket.next((f) => f.type === 'typing')).toEqual({ type: 'typing', typing: true });
    expect(visitor.socket.frames.filter((f) => f.type === 'typing')).toEqual([]);
    visitor.close();
  });
});
