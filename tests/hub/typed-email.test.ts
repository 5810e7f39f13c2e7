import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, linkChecked, takenConversation, verifiedVisitor } from './crm-support';
import { BACKENDS, startTestHub } from './support';

/**
 * Who a visitor is (issue 14): an email a visitor types is a claim, never an identity. It opens no
 * customer record — no card, cart, purchases, notes, past chats, transcripts or feed — and the record
 * with that email is only a suggestion, linked by a rep's explicit action after a check.
 */
describe.each(BACKENDS)('a typed email on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let anna: RepActor;
  let ben: RepActor;
  beforeEach(async () => {
    t = await startTestHub(backend);
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    ben = await repActor(t.hub, 'ben@demo.parley.test');
  });
  afterEach(async () => {
    for (const r of [anna, ben]) r.close();
    await t.stop();
  });

  it("opens none of the customer's record: the card shows it unverified with the record only as a suggestion, and no past chat, transcript or feed", async () => {
    // Maria herself, signed in by the shop, chatted with Anna earlier; the chat is on her record's feed.
    const maria = await verifiedVisitor(t.hub, 'maria.bianchi@example.com');
    const earlier = await takenConversation(anna, maria, 'My order 1042 has not arrived');
    expect((await anna.cmd({ type: 'endSession', conversationId: earlier })).type).toBe('ack');
    expect((await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['chat'], before: null })).items).toHaveLength(1);
    maria.close();

    // Someone else types Maria's email into the widget; Ben answers.
    const impostor = await visitorActor(t.hub);
    const id = await takenConversation(ben, impostor, 'Where is my order?');
    await identify(impostor, 'maria.bianchi@example.com', 'Maria');
    const card = await crm(ben, { op: 'card', conversationId: id });
    expect(card.result).toEqual({
      status: 'anonymous',
      known: {
        name: 'Maria',
        email: 'maria.bianchi@example.com',
        emailVerified: false,
        phone: null,
        lastPageUrl: 'https://shop.example/',
      },
      canCreateLead: false,
      suggestion: { contactId: 'cu_1', name: 'Maria Bianchi' },
      canLink: true,
    });
    expect(JSON.stringify(card)).not.toMatch(/Bianchi Arredamenti|order 1042/);
    expect(await crm(ben, { op: 'contact', contactId: 'cu_1' })).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await crm(ben, { op: 'feed', contactId: 'cu_1', types: null, before: null })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await crm(ben, { op: 'transcript', conversationId: earlier })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    const lookup = await crm(ben, { op: 'lookup', email: 'maria.bianchi@example.com' });
    expect(lookup).toMatchObject({ op: 'lookup', card: null, conversations: [] });
    ben.socket.send({ type: 'visitorHistory', reqId: 'past-1', conversationId: id });
    expect((await ben.socket.next((f) => f.reqId === 'past-1')).conversations).toEqual([]);

    // Ending the impostor's chat puts nothing on Maria's record.
    expect((await ben.cmd({ type: 'endSession', conversationId: id })).type).toBe('ack');
    expect((await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['chat'], before: null })).items).toHaveLength(1);
  });

  it("is linked to its record only by the conversation's rep, only to the suggested record, and the record's feed says who linked it", async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    expect(await crm(anna, { op: 'linkContact', conversationId: id, contactId: 'cu_2' })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    await identify(visitor, 'jonas.keller@example.com');
    const sara = await repActor(t.hub, 'sara@demo.parley.test');
    try {
      // An observer never acts on conversations; another rep does not see this one; another record is not the suggestion.
      expect(await crm(sara, { op: 'linkContact', conversationId: id, contactId: 'cu_2' })).toMatchObject({
        type: 'error',
        code: 'forbidden',
      });
    } finally {
      sara.close();
    }
    expect(await crm(ben, { op: 'linkContact', conversationId: id, contactId: 'cu_2' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await crm(anna, { op: 'linkContact', conversationId: id, contactId: 'cu_1' })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    expect(await t.db.query('select contact_id from conversations where id = $1', [id])).toEqual([
      { contact_id: null },
    ]);

    const linked = await linkChecked(anna, id, 'cu_2');
    expect(linked).toMatchObject({ status: 'matched', card: { contact: { id: 'cu_2', name: 'Jonas Keller' } } });
    const feed = await crm(ben, { op: 'feed', contactId: 'cu_2', types: ['link'], before: null });
    expect(feed.items).toEqual([
      expect.objectContaining({
        type: 'link',
        actor: { id: 'r_anna', name: 'Anna Rossi' },
        title: expect.stringContaining('jonas.keller@example.com'),
      }),
    ]);
    expect(await crm(anna, { op: 'linkContact', conversationId: id, contactId: 'cu_2' })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
  });

  it('is replaced by an email the shop verified, and a typed one never replaces a verified one', async () => {
    const visitor = await verifiedVisitor(t.hub, 'maria.bianchi@example.com');
    const id = await takenConversation(anna, visitor);
    await identify(visitor, 'jonas.keller@example.com');
    expect(await t.db.query('select email, email_verified from visitors where id = $1', [visitor.id])).toEqual([
      { email: 'maria.bianchi@example.com', email_verified: true },
    ]);
    const card = await crm(anna, { op: 'card', conversationId: id });
    expect(card.result.status).toBe('matched');
    expect(card.result.card.contact).toMatchObject({ id: 'cu_1', name: 'Maria Bianchi' });
  });
});
