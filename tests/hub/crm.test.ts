import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_POOL_ID } from '#hub/demo/crm-seed';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { crm, identify, takenConversation } from './crm-support';
import { loginAs, startTestHub } from './support';

/** The contact card and CRM actions (FEATURES E1–E10) through a real hub and real sockets. */
let t: Awaited<ReturnType<typeof startTestHub>>;
let anna: RepActor;
let ben: RepActor;
let sara: RepActor;
beforeEach(async () => {
  t = await startTestHub();
  anna = await repActor(t.hub, 'anna@demo.parley.test');
  ben = await repActor(t.hub, 'ben@demo.parley.test');
  sara = await repActor(t.hub, 'sara@demo.parley.test');
});
afterEach(async () => {
  for (const r of [anna, ben, sara]) r.close();
  await t.stop();
});

const count = async (table: string) =>
  Number((await t.db.query<{ n: string }>(`select count(*) as n from ${table}`))[0].n);
const notifications = (rep: RepActor) =>
  rep.socket.frames
    .filter((f) => f.type === 'event' && f.event.kind === 'crm.notification')
    .map((f) => f.event.notification);

describe('the card (E1, E2)', () => {
  it('matches a visitor to the record with their email and shows it to the rep with the conversation', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    const before = await crm(anna, { op: 'card', conversationId: id });
    expect(before.result).toEqual({
      status: 'anonymous',
      known: { name: null, email: null, phone: null, lastPageUrl: 'https://shop.example/' },
      canCreateLead: false,
    });

    await identify(visitor, 'Maria.Bianchi@example.com', 'Maria');
    const after = await crm(anna, { op: 'card', conversationId: id });
    expect(after.result.status).toBe('matched');
    expect(after.result.card.contact).toMatchObject({
      id: 'cu_1',
      name: 'Maria Bianchi',
      email: 'maria.bianchi@example.com',
      company: { name: 'Bianchi Arredamenti' },
      owner: { id: 'r_anna' },
    });
    expect(after.result.card.fields.map((f: any) => f.key)).toEqual([
      'name',
      'email',
      'phone',
      'address',
      'company',
      'owner',
      'createdAt',
    ]);
    expect(after.result.card.canEdit).toBe(true);
    expect(after.result.card.score.value).toBeGreaterThanOrEqual(5); // this chat counts (chats_30d)
  });

  it('refuses the card to a rep who cannot see the conversation, and hides records they have no link to', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    await identify(visitor, 'jonas.keller@example.com');
    expect(await crm(ben, { op: 'card', conversationId: id })).toMatchObject({ type: 'error', code: 'not_found' });
    // Jonas is Ben's record, so Ben may read it by id; Anna may through her conversation; Petr (no owner, no chat) is hidden from reps.
    expect((await crm(ben, { op: 'contact', contactId: 'cu_2' })).card.contact.name).toBe('Jonas Keller');
    expect((await crm(anna, { op: 'contact', contactId: 'cu_2' })).card.contact.name).toBe('Jonas Keller');
    expect(await crm(anna, { op: 'contact', contactId: 'cu_4' })).toMatchObject({ type: 'error', code: 'not_found' });
    // The supervisor reads every record, but changes none.
    const card = await crm(sara, { op: 'contact', contactId: 'cu_4' });
    expect(card.card.canEdit).toBe(false);
    expect(await crm(sara, { op: 'addNote', contactId: 'cu_4', text: 'hi' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await count('crm_notes')).toBe(0);
  });
});

describe('record actions (E2, E7)', () => {
  it('adds tags, notes and tasks, sets the phone, and answers a retry once', async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor);
    await identify(visitor, 'maria.bianchi@example.com');
    expect((await crm(anna, { op: 'addTag', contactId: 'cu_1', tag: ' VIP ' })).tags).toEqual(['VIP']);
    expect((await crm(anna, { op: 'addTag', contactId: 'cu_1', tag: 'vip' })).tags).toEqual(['VIP']);
    const note = await crm(anna, {
      op: 'addNote',
      contactId: 'cu_1',
      text: 'Wants the oak table',
      clientId: 'note-once-0001',
    });
    const again = await crm(anna, {
      op: 'addNote',
      contactId: 'cu_1',
      text: 'Wants the oak table',
      clientId: 'note-once-0001',
    });
    expect(again).toEqual(note);
    const task = await crm(anna, {
      op: 'addTask',
      contactId: 'cu_1',
      title: 'Call back',
      assigneeId: 'r_ben',
      dueDate: '2026-12-01',
    });
    expect(task.task).toMatchObject({
      title: 'Call back',
      assignee: { id: 'r_ben', name: 'Ben Novak' },
      dueDate: '2026-12-01',
      done: false,
    });
    expect((await crm(anna, { op: 'setPhone', contactId: 'cu_1', phone: '+39 333 000 1111' })).contact.phone).toBe(
      '+39 333 000 1111',
    );
    const card = (await crm(anna, { op: 'card', conversationId: id })).result.card;
    expect(card.notes.map((n: any) => n.text)).toEqual(['Wants the oak table']);
    expect(card.tasks.map((x: any) => x.title)).toEqual(['Call back']);
    expect(card.tags).toEqual(['VIP']);
    const feed = await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['note', 'task'], before: null });
    expect(feed.items.map((i: any) => i.type)).toEqual(['task', 'note']);
    // The task's assignee may now read the record.
    expect((await crm(ben, { op: 'contact', contactId: 'cu_1' })).card.notes).toHaveLength(1);
  });

  it('refuses malformed input with a clear error and changes nothing', async () => {
    const visitor = await visitorActor(t.hub);
    await takenConversation(anna, visitor);
    await identify(visitor, 'maria.bianchi@example.com');
    const bad = [
      { op: 'addNote', contactId: 'cu_1', text: '   ' },
      { op: 'addNote', contactId: 'cu_1', text: 'x'.repeat(2001) },
      { op: 'addTag', contactId: 'cu_1', tag: 'a\u0001b' },
      { op: 'addTask', contactId: 'cu_1', title: 'T', assigneeId: null, dueDate: '2026-13-01' },
      { op: 'setPhone', contactId: 'cu_1', phone: 'call me' },
      { op: 'setPhone', contactId: 'cu_1', phone: '12' },
      { op: 'explode' },
    ];
    for (const request of bad)
      expect(await crm(anna, request)).toMatchObject({
        type: 'error',
        code: expect.stringMatching(/bad_frame|too_large/),
      });
    expect(
      await crm(anna, { op: 'addTask', contactId: 'cu_1', title: 'T', assigneeId: 'r_nobody', dueDate: null }),
    ).toMatchObject({ type: 'error', code: 'not_found' });
    expect([
      await count('crm_notes'),
      await count('crm_tags'),
      await count('crm_tasks'),
      await count('crm_activity'),
    ]).toEqual([0, 0, 0, 0]);
    expect((await t.db.query<{ phone: string }>(`select phone from crm_contacts where id = 'cu_1'`))[0].phone).toBe(
      '+39 055 123 4567',
    );
  });
});

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

describe('chat end (E9)', () => {
  it("puts the transcript summary on the record's feed when the session ends", async () => {
    const visitor = await visitorActor(t.hub);
    const id = await takenConversation(anna, visitor, 'Do you ship to Florence?');
    await identify(visitor, 'maria.bianchi@example.com');
    expect((await anna.cmd({ type: 'endSession', conversationId: id })).type).toBe('ack');
    const feed = await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['chat'], before: null });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].chat).toMatchObject({
      conversationId: id,
      rep: { id: 'r_anna', name: 'Anna Rossi' },
      contactName: 'Maria Bianchi',
      firstMessage: 'Do you ship to Florence?',
      messageCount: 1,
    });
    expect(Date.parse(feed.items[0].chat.endedAt)).toBeGreaterThanOrEqual(Date.parse(feed.items[0].chat.startedAt));
    const transcript = await crm(anna, { op: 'transcript', conversationId: id });
    expect(transcript.messages.map((m: any) => m.text)).toEqual(['Do you ship to Florence?']);
    // Marked handled afterwards: still one summary for this chat.
    expect((await anna.cmd({ type: 'markHandled', conversationId: id })).type).toBe('ack');
    expect((await crm(anna, { op: 'feed', contactId: 'cu_1', types: ['chat'], before: null })).items).toHaveLength(1);
  });
});

describe('field layouts (E4)', () => {
  const put = (token: string, entity: string, body: unknown) =>
    fetch(`${t.hub.url}/api/admin/crm/layouts/${entity}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  it('lets super users choose standard and custom fields, refuses reps and malformed layouts, and the card follows', async () => {
    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    const layout = {
      entity: 'person',
      fields: [
        { custom: false, key: 'name', visible: true },
        { custom: true, key: 'loyalty_tier', label: 'Loyalty tier', type: 'text', visible: true },
      ],
    };
    expect((await put(anna.token, 'person', layout)).status).toBe(403);
    for (const bad of [
      { ...layout, entity: 'company' },
      { entity: 'person', fields: [{ custom: false, key: 'shoe_size', visible: true }] },
      {
        entity: 'person',
        fields: [
          { custom: false, key: 'name', visible: true },
          { custom: false, key: 'name', visible: false },
        ],
      },
      { entity: 'person', fields: [{ custom: true, key: 'Bad Key', label: 'x', type: 'text', visible: true }] },
    ]) {
      const res = await put(alex, 'person', bad);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    expect(await t.db.query('select 1 from crm_layouts')).toEqual([]);
    expect((await put(alex, 'person', layout)).status).toBe(204);
    await t.db.query(`update crm_contacts set custom = '{"loyalty_tier": "Gold"}' where id = 'cu_2'`);
    const card = await crm(ben, { op: 'contact', contactId: 'cu_2' });
    expect(card.card.fields).toEqual([
      { key: 'name', label: null, custom: false, value: 'Jonas Keller' },
      { key: 'loyalty_tier', label: 'Loyalty tier', custom: true, value: 'Gold' },
    ]);
    expect((await crm(ben, { op: 'layouts' })).layouts.find((l: any) => l.entity === 'person')).toEqual(layout);
  });
});
