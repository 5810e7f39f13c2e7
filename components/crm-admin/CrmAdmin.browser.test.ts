import { describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { useScriptedHub, type Reply } from '../../tests/components/scripted-hub';
import CrmLayoutsEditor from './CrmLayoutsEditor.vue';
import { defaultLayoutsForTest } from './layouts.testing';
import PoolsEditor from './PoolsEditor.vue';

/**
 * The options page's customer-store screens against a scripted hub (the real one is exercised by
 * tests/hub/crm-pools.test.ts and tests/e2e/crm-admin.spec.ts): what they send, and how a refusal reads.
 */
const hub = useScriptedHub();

const forbidden: Reply = {
  status: 403,
  body: { error: { code: 'forbidden', message: 'only super users can change card layouts' } },
};

describe.each([
  ['card fields editor (FEATURES E4)', CrmLayoutsEditor],
  ['distribution pools editor (FEATURES E5)', PoolsEditor],
])('%s', (_screen, editor) => {
  it("shows the hub's 403 as who may use the screen", async () => {
    hub.replies = () => forbidden;
    const screen = render(editor);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('Only super users can change card fields and distribution pools.');
  });
});

describe('card fields editor (FEATURES E4)', () => {
  it('saves the order, visibility and custom fields the super user chose', async () => {
    hub.replies = (method) =>
      method === 'GET' ? { status: 200, body: { layouts: defaultLayoutsForTest() } } : { status: 204 };
    const screen = render(CrmLayoutsEditor);
    const lead = screen.getByRole('region', { name: 'Lead fields', exact: true });
    await lead.getByRole('checkbox', { name: 'Show Source' }).click();
    await lead.getByRole('button', { name: 'Move Owner up' }).click();
    const custom = lead.getByRole('group', { name: 'New custom field for Lead fields' });
    await custom.getByRole('textbox', { name: 'Key', exact: true }).fill('budget');
    await custom.getByRole('textbox', { name: 'Label', exact: true }).fill('Budget');
    await custom.getByRole('combobox', { name: 'Type', exact: true }).selectOptions('number');
    await custom.getByRole('button', { name: 'Add field' }).click();
    await expect.element(lead.getByRole('checkbox', { name: 'Show Budget' })).toBeChecked();
    await lead.getByRole('button', { name: 'Save Lead fields' }).click();
    await expect.element(lead.getByRole('status')).toHaveTextContent('Saved.');
    const put = hub.calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/admin/crm/layouts/lead');
    expect(
      (put.body as { fields: { key: string; visible: boolean }[] }).fields.map((f) => `${f.key}:${f.visible}`),
    ).toEqual([
      'name:true',
      'email:true',
      'phone:true',
      'address:true',
      'owner:true',
      'company:true',
      'source:false',
      'createdAt:true',
      'budget:true',
    ]);
    expect((put.body as { fields: unknown[] }).fields.at(-1)).toEqual({
      custom: true,
      key: 'budget',
      label: 'Budget',
      type: 'number',
      visible: true,
    });
  });
});

describe('distribution pools editor (FEATURES E5)', () => {
  it("creates a pool with the ticked members in turn order, and shows the hub's refusal of a bad one", async () => {
    const reps = [
      { id: 'r_anna', name: 'Anna Rossi' },
      { id: 'r_ben', name: 'Ben Novak' },
    ];
    hub.replies = (method, _path, body) => {
      if (method === 'GET') return { status: 200, body: { pools: [], reps } };
      const input = body as { name: string; memberIds: string[] };
      if (input.name === 'Taken')
        return {
          status: 409,
          body: { error: { code: 'conflict', message: 'a distribution pool named "Taken" already exists' } },
        };
      return {
        status: 201,
        body: {
          pool: { id: 'pl_1', name: input.name, members: input.memberIds.map((id) => reps.find((r) => r.id === id)) },
        },
      };
    };
    const screen = render(PoolsEditor);
    const form = screen.getByRole('form', { name: 'New pool' });
    await form.getByRole('textbox', { name: 'Pool name' }).fill('Taken');
    await form.getByRole('checkbox', { name: 'Ben Novak in New pool' }).click();
    await form.getByRole('checkbox', { name: 'Anna Rossi in New pool' }).click();
    await form.getByRole('button', { name: 'Create pool' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('already exists');
    await form.getByRole('textbox', { name: 'Pool name' }).fill('Inside sales');
    await form.getByRole('button', { name: 'Create pool' }).click();
    await expect.element(screen.getByRole('form', { name: 'Inside sales' })).toBeVisible();
    expect(hub.calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({
      name: 'Inside sales',
      memberIds: ['r_ben', 'r_anna'],
    });
    await expect.element(screen.getByRole('status')).toHaveTextContent('Pool Inside sales created.');
  });
});
