import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CrmCall, CrmConnector } from '#hub/crm/connector';
import { DEMO_REPS, seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { openTestDb, type Backend } from './support';

/**
 * What every customer-store connector must do (FEATURES E13), written once. The built-in store runs it
 * on both databases; an external connector would run the same tests against its sandbox.
 */
export function connectorContract(backend: Backend, connector: () => CrmConnector) {
  let db: Db;
  let call: CrmCall;
  const anna = { ...DEMO_REPS[0], mode: 'rep' as const, status: 'online' as const };
  beforeEach(async () => {
    db = await openTestDb(backend);
    await migrate(db);
    await seedDemo(db);
    call = { tx: db, now: Date.now(), actor: anna };
  });
  afterEach(() => db.close());
  const c = () => connector();
  const lead = (email: string) => ({
    email,
    name: 'Nina Buyer',
    phone: '+44 20 7946 0000',
    ownerId: 'r_ben',
    conversationId: 'c_x',
    note: 'First note',
  });

  it('matches a record by email, whatever its case, and by phone whatever its punctuation', async () => {
    expect(await c().match(call, { email: 'MARIA.bianchi@example.com', phone: null })).toBe('cu_1');
    expect(await c().match(call, { email: null, phone: '+39055 123-4567' })).toBe('cu_1');
    expect(await c().match(call, { email: 'nobody@example.com', phone: '+1 555 0000' })).toBeNull();
    expect(await c().match(call, { email: null, phone: null })).toBeNull();
  });

  it('creates a lead from chat once per email, with its owner, phone and first note', async () => {
    const created = await c().createLead(call, lead('nina@example.org'));
    expect(created).toMatchObject({
      kind: 'lead',
      name: 'Nina Buyer',
      email: 'nina@example.org',
      phone: '+44 20 7946 0000',
      fromChat: true,
      owner: { id: 'r_ben', name: 'Ben Novak' },
    });
    expect(await c().createLead(call, lead('nina@example.org'))).toBeNull();
    expect(await c().match(call, { email: null, phone: '+442079460000' })).toBe(created!.id);
    const card = await c().card(call, created!.id);
    expect(card.notes.map((n) => n.text)).toEqual(['First note']);
    expect((await c().feed(call, created!.id, null, null, 10)).map((i) => i.type).sort()).toEqual(['lead', 'note']);
  });

  it('keeps tags unique regardless of case and removes them', async () => {
    await c().addTag(call, 'cu_1', 'VIP');
    expect(await c().addTag(call, 'cu_1', 'vip')).toEqual(['VIP']);
    expect(await c().addTag(call, 'cu_1', 'Trade fair')).toEqual(['VIP', 'Trade fair']);
    expect(await c().removeTag(call, 'cu_1', 'TRADE FAIR')).toEqual(['VIP']);
  });

  it('shows notes and tasks on the card and in the feed, which filters by type and pages back', async () => {
    for (let i = 0; i < 5; i++) await c().addNote(call, 'cu_1', { kind: 'note', text: `note ${i}` });
    const task = await c().addTask(call, 'cu_1', { title: 'Send quote', assigneeId: 'r_ben', dueDate: '2026-12-24' });
    expect(task).toMatchObject({
      title: 'Send quote',
      assignee: { id: 'r_ben' },
      dueDate: '2026-12-24',
      done: false,
      createdBy: { id: 'r_anna' },
    });
    expect(await c().taskContact(call, task.id)).toBe('cu_1');
    expect((await c().setTaskDone(call, task.id, true)).done).toBe(true);
    const card = await c().card(call, 'cu_1');
    expect(card.notes.map((n) => n.text)).toEqual(['note 4', 'note 3', 'note 2', 'note 1', 'note 0']);
    expect(card.tasks.map((t) => t.title)).toEqual(['Send quote']);
    const notes = await c().feed(call, 'cu_1', ['note'], null, 3);
    expect(notes.map((i) => i.title)).toEqual(['note 4', 'note 3', 'note 2']);
    const more = await c().feed(call, 'cu_1', ['note'], { at: notes[2].position, id: notes[2].id }, 3);
    expect(more.map((i) => i.title)).toEqual(['note 1', 'note 0']);
    expect((await c().feed(call, 'cu_1', ['task'], null, 10)).map((i) => i.title)).toEqual(['Send quote']);
  });

  it('changes and removes the phone', async () => {
    expect((await c().setPhone(call, 'cu_2', '+49 170 000 0000')).phone).toBe('+49 170 000 0000');
    expect(await c().match(call, { email: null, phone: '+491700000000' })).toBe('cu_2');
    expect((await c().setPhone(call, 'cu_2', null)).phone).toBeNull();
  });

  it('puts a chat summary in the feed, one per conversation', async () => {
    const chat = {
      conversationId: 'c_1',
      startedAt: '2026-11-01T10:00:00.000Z',
      endedAt: '2026-11-01T10:05:00.000Z',
      rep: { id: 'r_anna', name: 'Anna Rossi' },
      contactName: 'Maria Bianchi',
      firstMessage: 'Hi',
      messageCount: 4,
    };
    await c().addChatSummary(call, 'cu_1', chat);
    await c().addChatSummary(call, 'cu_1', { ...chat, endedAt: '2026-11-01T11:00:00.000Z', messageCount: 6 });
    const feed = await c().feed(call, 'cu_1', ['chat'], null, 10);
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({
      type: 'chat',
      at: '2026-11-01T11:00:00.000Z',
      title: 'Hi',
      chat: { messageCount: 6 },
    });
  });

  it('gives every standard field until a layout is saved, then the saved fields with custom values', async () => {
    const before = await c().layouts(call);
    expect(before.map((l) => l.entity)).toEqual(['lead', 'person', 'company']);
    await c().saveLayout(call, {
      entity: 'person',
      fields: [
        { custom: false, key: 'email', visible: true },
        { custom: true, key: 'vat', label: 'VAT number', type: 'text', visible: true },
        { custom: false, key: 'phone', visible: false },
      ],
    });
    await db.query(`update crm_contacts set custom = '{"vat": "IT0123"}' where id = 'cu_1'`);
    const card = await c().card(call, 'cu_1');
    expect(card.fields).toEqual([
      { key: 'email', label: null, custom: false, value: 'maria.bianchi@example.com' },
      { key: 'vat', label: 'VAT number', custom: true, value: 'IT0123' },
    ]);
    expect(card.company?.fields.map((f) => f.key)).toEqual(['name', 'website', 'phone', 'address', 'industry']);
  });

  it("sets a custom field's value by its layout's type, and clears it", async () => {
    await c().saveLayout(call, {
      entity: 'person',
      fields: [{ custom: true, key: 'seats', label: 'Seats', type: 'number', visible: true }],
    });
    expect(await c().setCustomField(call, 'cu_1', 'seats', '12')).toEqual([
      { key: 'seats', label: 'Seats', custom: true, value: '12' },
    ]);
    await expect(c().setCustomField(call, 'cu_1', 'seats', 'twelve')).rejects.toMatchObject({ code: 'bad_frame' });
    await expect(c().setCustomField(call, 'cu_1', 'email', 'x@example.com')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await c().card(call, 'cu_1')).fields[0]!.value).toBe('12');
    expect(await c().setCustomField(call, 'cu_1', 'seats', null)).toEqual([
      { key: 'seats', label: 'Seats', custom: true, value: null },
    ]);
  });
}
