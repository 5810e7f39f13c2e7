import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repActor, type RepActor } from './actors';
import { crm } from './crm-support';
import { BACKENDS, loginAs, startTestHub } from './support';

/** Custom field values on a record (FEATURES E4): set by reps who may edit it, checked against the layout and the field's type. */
describe.each(BACKENDS)('custom field values on %s', (backend) => {
  let t: Awaited<ReturnType<typeof startTestHub>>;
  let ben: RepActor;
  let sara: RepActor;
  let anna: RepActor;
  beforeAll(async () => {
    t = await startTestHub(backend);
    ben = await repActor(t.hub, 'ben@demo.parley.test');
    sara = await repActor(t.hub, 'sara@demo.parley.test');
    anna = await repActor(t.hub, 'anna@demo.parley.test');
    const alex = (await loginAs(t.hub.url, 'alex@demo.parley.test')).body.token;
    const layout = {
      entity: 'person',
      fields: [
        { custom: false, key: 'email', visible: true },
        { custom: true, key: 'tier', label: 'Loyalty tier', type: 'text', visible: true },
        { custom: true, key: 'budget', label: 'Budget', type: 'number', visible: true },
        { custom: true, key: 'renewal', label: 'Renewal', type: 'date', visible: false },
        { custom: true, key: 'site', label: 'Site', type: 'url', visible: true },
      ],
    };
    const res = await fetch(`${t.hub.url}/api/admin/crm/layouts/person`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${alex}` },
      body: JSON.stringify(layout),
    });
    expect(res.status).toBe(204);
  });
  afterAll(async () => {
    for (const r of [ben, sara, anna]) r.close();
    await t.stop();
  });

  const custom = async () =>
    (await t.db.query<{ custom: Record<string, unknown> }>(`select custom from crm_contacts where id = 'cu_2'`))[0]
      .custom;

  it('sets, answers the fields in layout order, and clears', async () => {
    const answer = await crm(ben, { op: 'setField', contactId: 'cu_2', key: 'tier', value: '  Gold ' });
    expect(answer.fields).toEqual([
      { key: 'email', label: null, custom: false, value: 'jonas.keller@example.com' },
      { key: 'tier', label: 'Loyalty tier', custom: true, value: 'Gold' },
      { key: 'budget', label: 'Budget', custom: true, value: null },
      { key: 'site', label: 'Site', custom: true, value: null },
    ]);
    expect(
      (await crm(ben, { op: 'setField', contactId: 'cu_2', key: 'budget', value: '-1250.5' })).fields[2].value,
    ).toBe('-1250.5');
    // A hidden field can still be set (the layout hides it, the record keeps it).
    await crm(ben, { op: 'setField', contactId: 'cu_2', key: 'renewal', value: '2027-02-28' });
    expect(await custom()).toEqual({ tier: 'Gold', budget: '-1250.5', renewal: '2027-02-28' });
    expect(
      (await crm(ben, { op: 'contact', contactId: 'cu_2' })).card.fields.find((f: { key: string }) => f.key === 'tier')
        .value,
    ).toBe('Gold');
    await crm(ben, { op: 'setField', contactId: 'cu_2', key: 'renewal', value: null });
    expect(await custom()).toEqual({ tier: 'Gold', budget: '-1250.5' });
  });

  it('refuses values of the wrong type, unknown keys, standard fields and readers, changing nothing', async () => {
    const before = await custom();
    for (const [request, code, message] of [
      [{ key: 'budget', value: 'lots' }, 'bad_frame', /Budget takes a number/],
      [{ key: 'renewal', value: '2027-02-30' }, 'bad_frame', /YYYY-MM-DD/],
      [{ key: 'site', value: 'javascript:alert(1)' }, 'bad_frame', /http or https/],
      [{ key: 'tier', value: 'x'.repeat(501) }, 'too_large', /500/],
      [{ key: 'tier', value: 'bell\u0007' }, 'bad_frame', /control characters/],
      [{ key: 'tier', value: '   ' }, 'bad_frame', /send null to clear/],
      [{ key: 'shoe_size', value: '44' }, 'not_found', /not a custom field of person records/],
      [{ key: 'email', value: 'x@example.com' }, 'not_found', /not a custom field/],
      [{ key: 'Bad Key', value: 'x' }, 'bad_frame', /lower-case/],
    ] as const) {
      const answer = await crm(ben, { op: 'setField', contactId: 'cu_2', ...request });
      expect(answer, JSON.stringify(request)).toMatchObject({ type: 'error', code });
      expect(answer.message).toMatch(message);
    }
    // The supervisor reads every record but edits none; Anna has no link to Petr's record.
    expect(await crm(sara, { op: 'setField', contactId: 'cu_2', key: 'tier', value: 'Silver' })).toMatchObject({
      type: 'error',
      code: 'forbidden',
    });
    expect(await crm(anna, { op: 'setField', contactId: 'cu_4', key: 'tier', value: 'Silver' })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await custom()).toEqual(before);
  });
});
