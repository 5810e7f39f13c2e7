import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CRM_LIMITS } from '#protocol';
import { repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, linkChecked, takenConversation, verifiedVisitor } from './crm-support';
import { BACKENDS, startTestHub } from './support';

/** CRM page awareness (FEATURES E12): a contact's chats by the email a CRM record page shows, through a real hub. */
describe.each(BACKENDS)('chats by contact email on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  let ben: RepActor;
  let sara: RepActor;
  beforeEach(async () => {
    t = await startTestHub(backend);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    ben = await repActor(t.hub, 'ben@demo.parley.test');
    sara = await repActor(t.hub, 'sara@demo.parley.test');
  });
  afterEach(async () => {
    for (const r of [anna, ben, sara]) r.close();
    await t.stop();
  });

  it("lists the record's chats with rep, chat, status and first message to who may see them, and nothing to a rep without access", async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor, 'Is the oak table in stock?');
    await visitor.say('And in walnut?');
    await identify(visitor, 'maria.bianchi@example.com');
    // Typed, the email attaches no chat to Maria's record (issue 14); Anna's link after a check does.
    expect((await crm(anna, { op: 'lookup', email: 'maria.bianchi@example.com' })).conversations).toEqual([]);
    await linkChecked(anna, id, 'cu_1');

    const expected = {
      id,
      chatName: expect.any(String),
      status: 'active',
      ownerName: 'Anna Rossi',
      firstMessage: 'Is the oak table in stock?',
    };
    const annas = await crm(anna, { op: 'lookup', email: 'Maria.Bianchi@example.com' });
    expect(annas.card.contact.id).toBe('cu_1');
    expect(annas.conversations).toEqual([expect.objectContaining(expected)]);
    expect(annas.next).toBeNull();
    expect((await crm(sara, { op: 'lookup', email: 'maria.bianchi@example.com' })).conversations).toEqual([
      expect.objectContaining(expected),
    ]);

    // Ben owns no record of Maria's and has no view of Anna's conversation: no card, no chats, not on the next page either.
    const bens = await crm(ben, { op: 'lookup', email: 'maria.bianchi@example.com' });
    expect(bens).toMatchObject({ op: 'lookup', card: null, conversations: [], next: null });
    expect(await crm(ben, { op: 'contactChats', email: 'maria.bianchi@example.com', before: null })).toMatchObject({
      conversations: [],
      next: null,
    });
    // …and the transcript the list would link to stays closed to him.
    expect(await crm(ben, { op: 'transcript', conversationId: id })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect((await crm(anna, { op: 'transcript', conversationId: id })).messages.map((m: any) => m.text)).toContain(
      'And in walnut?',
    );
  });

  it('shows a record owner every chat with their contact, as the feed does, but an unknown email only the chats the rep sees', async () => {
    // Jonas is Ben's record; Anna has the chat.
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor, 'Hallo');
    await identify(visitor, 'jonas.keller@example.com');
    // Typed only: neither the chat nor its transcript reaches Jonas's owner (issue 14).
    const typed = await crm(ben, { op: 'lookup', email: 'jonas.keller@example.com' });
    expect(typed.card.contact.name).toBe('Jonas Keller');
    expect(typed.conversations).toEqual([]);
    expect(await crm(ben, { op: 'transcript', conversationId: id })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    await linkChecked(anna, id, 'cu_2');
    const bens = await crm(ben, { op: 'lookup', email: 'jonas.keller@example.com' });
    expect(bens.card.contact.name).toBe('Jonas Keller');
    expect(bens.conversations.map((c: any) => c.id)).toEqual([id]);
    expect((await crm(ben, { op: 'transcript', conversationId: id })).messages[0].text).toBe('Hallo');

    // No record for this email, which the shop verified: Anna sees her chat, Ben nothing.
    const stranger = await verifiedVisitor(t.hub, 'nobody@elsewhere.test');
    const other = await takenConversation(anna, stranger, 'Hi there');
    expect(
      (await crm(anna, { op: 'lookup', email: 'nobody@elsewhere.test' })).conversations.map((c: any) => c.id),
    ).toEqual([other]);
    expect((await crm(ben, { op: 'lookup', email: 'nobody@elsewhere.test' })).conversations).toEqual([]);
  });

  /** `count` visitors, verified as `email`, who each open a chat ("question i"); their conversation ids, oldest first. */
  async function chatsWithEmail(email: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const visitor = await verifiedVisitor(t.hub, email);
      ids.push(await visitor.say(`question ${i}`));
      visitor.close();
    }
    return ids;
  }

  it('pages newest first without gaps or repeats', async () => {
    const ids = await chatsWithEmail('paged@elsewhere.test', CRM_LIMITS.contactChatsPage + 3);
    const first = await crm(sara, { op: 'lookup', email: 'paged@elsewhere.test' });
    expect(first.conversations).toHaveLength(CRM_LIMITS.contactChatsPage);
    expect(first.next).not.toBeNull();
    const second = await crm(sara, { op: 'contactChats', email: 'paged@elsewhere.test', before: first.next });
    expect(second.next).toBeNull();
    const seen = [...first.conversations, ...second.conversations];
    expect(seen.map((c: any) => c.id)).toEqual([...ids].reverse());
    expect(seen.at(-1).firstMessage).toBe('question 0');
  });

  it('pages chats opened within one millisecond without gaps or repeats', async () => {
    const ids = await chatsWithEmail('same-ms@elsewhere.test', CRM_LIMITS.contactChatsPage + 3);
    // The database keeps microseconds: one chat per microsecond, all in one millisecond, in the order they were opened.
    for (const [i, id] of ids.entries()) {
      await t.db.query(
        `update conversations set created_at = '2026-01-01T09:00:00.100000Z'::timestamptz + $2 * interval '1 microsecond' where id = $1`,
        [id, i],
      );
    }
    const first = await crm(sara, { op: 'lookup', email: 'same-ms@elsewhere.test' });
    const second = await crm(sara, { op: 'contactChats', email: 'same-ms@elsewhere.test', before: first.next });
    expect(second.next).toBeNull();
    expect([...first.conversations, ...second.conversations].map((c: any) => c.id)).toEqual([...ids].reverse());
  });

  it('refuses a malformed email or cursor with a clear error', async () => {
    expect(await crm(anna, { op: 'lookup', email: 'not an email' })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
    });
    expect(
      await crm(anna, { op: 'contactChats', email: 'a@b.test', before: { at: 'yesterday', id: 'x' } }),
    ).toMatchObject({ type: 'error', code: 'bad_frame' });
  });
});
