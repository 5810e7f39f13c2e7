import { describe, expect, it } from 'vitest';
import { DEMO_POOL_ID } from '#hub/demo/crm-seed';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { anna, ben, sara, t, useCrmHub } from './crm-hub';
import { crm, identify, linkChecked, takenConversation } from './crm-support';

/** Leads from chat, notifying sales and sending products (FEATURES E5, E6, E10) through a real hub and real sockets. */
useCrmHub();

const notifications = (rep: RepActor) =>
  rep.socket.frames
    .filter((f) => f.type === 'event' && f.event.kind === 'crm.notification')
    .map((f) => f.event.notification);

describe('create lead (E5)', () => {
  it('needs an email, then creates a lead from chat for the chosen owner, who is told', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    const lead = {
      op: 'createLead',
      conversationId: id,
      name: null,
      phone: null,
      assign: { kind: 'owner', ownerId: 'r_ben' },
      note: 'Interested in 20 chairs',
    };
    expect(await crm(anna, lead)).toMatchObject({ type: 'error', code: 'conflict' });
    await identify(visitor, 'new.buyer@example.org', 'Nina Buyer');
    const card = await crm(anna, { op: 'card', conversationId: id });
    expect(card.result).toMatchObject({
      status: 'anonymous',
      known: { email: 'new.buyer@example.org', name: 'Nina Buyer' },
      canCreateLead: true,
    });

    const created = await crm(anna, lead);
    expect(created.owner).toEqual({ id: 'r_ben', name: 'Ben Novak' });
    expect(created.contact).toMatchObject({
      kind: 'lead',
      name: 'Nina Buyer',
      email: 'new.buyer@example.org',
      fromChat: true,
      owner: { id: 'r_ben' },
    });
    const [row] = await t.db.query<{ source: string; owner_id: string; source_conversation_id: string }>(
      'select * from crm_contacts where email = $1',
      ['new.buyer@example.org'],
    );
    expect(row).toMatchObject({ source: 'chat', owner_id: 'r_ben', source_conversation_id: id });
    const matched = await crm(anna, { op: 'card', conversationId: id });
    expect(matched.result.card.notes.map((n: any) => n.text)).toEqual(['Interested in 20 chairs']);
    await eventually(() =>
      expect(notifications(ben)).toEqual([
        expect.objectContaining({
          reason: 'lead_assigned',
          contact: { id: created.contact.id, name: 'Nina Buyer' },
          from: { id: 'r_anna', name: 'Anna Rossi' },
        }),
      ]),
    );
    expect(notifications(anna)).toEqual([]);
    expect(notifications(sara)).toEqual([]);
    // A second lead for the same email is refused.
    expect(await crm(anna, lead)).toMatchObject({ type: 'error', code: 'conflict' });
  });

  it('gives a lead to the distribution pool in turn', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const visitor = await visitorActor(t.hub);
      const id = await takenConversation(anna, visitor);
      await identify(visitor, `pool-${i}@example.org`);
      const created = await crm(anna, {
        op: 'createLead',
        conversationId: id,
        name: null,
        phone: null,
        assign: { kind: 'pool', poolId: DEMO_POOL_ID },
        note: null,
      });
      expect(created.pool).toEqual({ id: DEMO_POOL_ID, name: 'Sales team' });
      owners.push(created.owner.id);
      // Anna's capacity is three chats: hand this one back before the next.
      expect((await anna.cmd({ type: 'markHandled', conversationId: id })).type).toBe('ack');
    }
    expect(owners).toEqual(['r_anna', 'r_ben', 'r_anna', 'r_ben']);
  });

  it('is refused to a rep who does not answer the conversation and to observers, with nothing stored', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    await identify(visitor, 'someone@example.org');
    const lead = {
      op: 'createLead',
      conversationId: id,
      name: null,
      phone: null,
      assign: { kind: 'owner', ownerId: 'r_anna' },
      note: null,
    };
    expect(await crm(ben, lead)).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await crm(sara, lead)).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(await crm(anna, { ...lead, assign: { kind: 'owner', ownerId: 'r_sara' } })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await crm(anna, { ...lead, assign: { kind: 'pool', poolId: 'pl_none' } })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await crm(anna, { ...lead, assign: { kind: 'somebody' } })).toMatchObject({
      type: 'error',
      code: 'bad_frame',
    });
    expect(await t.db.query('select 1 from crm_contacts where email = $1', ['someone@example.org'])).toEqual([]);
  });
});

describe('notify sales (E6)', () => {
  it("adds a note to the record and notifies only its owner, in the owner's extension even without a chat of theirs", async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    await identify(visitor, 'jonas.keller@example.com');
    // A typed email opens no record (issue 14): Anna may notify its owner once she has linked it after a check.
    const note = { op: 'notifySales', contactId: 'cu_2', conversationId: id, text: 'Ready to order 5 desks' };
    expect(await crm(anna, note)).toMatchObject({ type: 'error', code: 'not_found' });
    await linkChecked(anna, id, 'cu_2');
    const answer = await crm(anna, {
      op: 'notifySales',
      contactId: 'cu_2',
      conversationId: id,
      text: 'Ready to order 5 desks',
    });
    expect(answer.owner).toEqual({ id: 'r_ben', name: 'Ben Novak' });
    expect(answer.note).toMatchObject({ kind: 'sales', text: 'Ready to order 5 desks', author: { id: 'r_anna' } });
    await eventually(() =>
      expect(notifications(ben)).toEqual([
        expect.objectContaining({
          reason: 'sales',
          text: 'Ready to order 5 desks',
          conversationId: id,
          contact: { id: 'cu_2', name: 'Jonas Keller' },
        }),
      ]),
    );
    expect(notifications(anna)).toEqual([]);
    expect(notifications(sara)).toEqual([]);
    // Replayed to the owner after a reconnect from the start of the log.
    const later = await repActor(t.hub, 'ben@demo.parley.test');
    expect(notifications(later).map((n) => n.text)).toEqual(['Ready to order 5 desks']);
    later.close();
  });
});

describe('products (E10)', () => {
  it('sends a product card with the chosen fields, which reaches the widget', async () => {
    await t.db.query(`insert into crm_products (id, sku, name, brand, category, price_cents, image_url, url) values
      ('pr_a', 'A-1', 'Oak dining table', 'Nordwood', 'Tables', 89900, 'https://shop.example/img/a.jpg', 'https://shop.example/p/a'),
      ('pr_b', 'B-1', 'Walnut chair', 'Nordwood', 'Chairs', 19900, null, 'https://shop.example/p/b')`);
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    const found = await crm(anna, { op: 'searchProducts', query: 'nordwood oak', brand: null, category: null });
    expect(found.products.map((p: any) => p.id)).toEqual(['pr_a']);
    expect(found.brands).toEqual(['Nordwood']);
    const sent = await crm(anna, {
      op: 'sendProduct',
      conversationId: id,
      productId: 'pr_a',
      fields: ['name', 'price', 'link'],
    });
    const seen = await visitor.socket.next((f) => f.type === 'message' && f.message.id === sent.messageId);
    expect(seen.message.product).toEqual({
      productId: 'pr_a',
      name: 'Oak dining table',
      price: { amountCents: 89900, currency: 'EUR' },
      imageUrl: null,
      url: 'https://shop.example/p/a',
    });
    expect(
      await crm(anna, { op: 'sendProduct', conversationId: id, productId: 'pr_b', fields: ['image'] }),
    ).toMatchObject({ type: 'error', code: 'conflict' });
    expect(
      await crm(ben, { op: 'sendProduct', conversationId: id, productId: 'pr_a', fields: ['name'] }),
    ).toMatchObject({ type: 'error' });
    expect(
      await crm(anna, { op: 'sendProduct', conversationId: id, productId: 'pr_a', fields: ['price'] }),
    ).toMatchObject({ type: 'error', code: 'bad_frame' });
  });
});
