import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, nextTick, type App, type Component } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultLayoutsForTest } from './layouts.testing';
import { hubUrlItem, tokenItem } from '../../utils/settings';
import CrmLayoutsEditor from './CrmLayoutsEditor.vue';
import PoolsEditor from './PoolsEditor.vue';

/**
 * The options page's customer-store screens against a scripted hub (the real one is exercised by
 * tests/hub/crm-pools.test.ts and tests/e2e/crm-admin.spec.ts): what they send, and how a refusal reads.
 */
type Reply = { status: number; body?: unknown };
let replies: (method: string, path: string, body: unknown) => Reply;
const calls: { method: string; path: string; body: unknown }[] = [];
let app: App | null = null;
let root: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  calls.length = 0;
  await hubUrlItem.setValue('http://hub.test:8787');
  await tokenItem.setValue('tok');
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init.method ?? 'GET', path, body });
    const reply = replies(init.method ?? 'GET', path, body);
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  }));
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  app?.unmount();
  app = null;
  root.remove();
  vi.unstubAllGlobals();
});

function mount(component: Component) {
  app = createApp(component);
  app.mount(root);
}
async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
    await nextTick();
  }
  throw new Error(`timed out waiting for ${what}; html: ${root.innerHTML.slice(0, 400)}`);
}
const byLabel = <T extends Element>(label: string) => root.querySelector<T>(`[aria-label="${label}"]`)!;
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name)!;
const forbidden: Reply = { status: 403, body: { error: { code: 'forbidden', message: 'only super users can change card layouts' } } };

describe('card fields editor (SPEC E4)', () => {
  it("shows the hub's 403 as who may use the screen", async () => {
    replies = () => forbidden;
    mount(CrmLayoutsEditor);
    await until(() => !!root.querySelector('[role="alert"]'), 'the refusal');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Only super users can change card fields and distribution pools.');
  });

  it('saves the order, visibility and custom fields the super user chose', async () => {
    replies = (method) => (method === 'GET' ? { status: 200, body: { layouts: defaultLayoutsForTest() } } : { status: 204 });
    mount(CrmLayoutsEditor);
    await until(() => !!byLabel('Show Address'), 'the lists');
    const lead = root.querySelector('[data-entity="lead"]')!;
    lead.querySelector<HTMLInputElement>('[aria-label="Show Source"]')!.click();
    lead.querySelector<HTMLButtonElement>('[aria-label="Move Owner up"]')!.click();
    await nextTick();
    const [key, label] = [...lead.querySelectorAll<HTMLInputElement>('fieldset input')];
    key!.value = 'budget';
    key!.dispatchEvent(new Event('input'));
    label!.value = 'Budget';
    label!.dispatchEvent(new Event('input'));
    lead.querySelector<HTMLSelectElement>('fieldset select')!.value = 'number';
    lead.querySelector<HTMLSelectElement>('fieldset select')!.dispatchEvent(new Event('change'));
    [...lead.querySelectorAll('button')].find((b) => b.textContent === 'Add field')!.click();
    await nextTick();
    button('Save Lead fields').click();
    await until(() => lead.textContent!.includes('Saved.'), 'the save');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/admin/crm/layouts/lead');
    expect((put.body as { fields: { key: string; visible: boolean }[] }).fields.map((f) => `${f.key}:${f.visible}`)).toEqual([
      'name:true', 'email:true', 'phone:true', 'address:true', 'owner:true', 'company:true', 'source:false', 'createdAt:true', 'budget:true',
    ]);
    expect((put.body as { fields: unknown[] }).fields.at(-1)).toEqual({ custom: true, key: 'budget', label: 'Budget', type: 'number', visible: true });
  });
});

describe('distribution pools editor (SPEC E5)', () => {
  it("shows the hub's 403 as who may use the screen", async () => {
    replies = () => forbidden;
    mount(PoolsEditor);
    await until(() => !!root.querySelector('[role="alert"]'), 'the refusal');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('Only super users can change card fields and distribution pools.');
  });

  it("creates a pool with the ticked members in turn order, and shows the hub's refusal of a bad one", async () => {
    const reps = [{ id: 'r_anna', name: 'Anna Rossi' }, { id: 'r_ben', name: 'Ben Novak' }];
    replies = (method, _path, body) => {
      if (method === 'GET') return { status: 200, body: { pools: [], reps } };
      const input = body as { name: string; memberIds: string[] };
      if (input.name === 'Taken') return { status: 409, body: { error: { code: 'conflict', message: 'a distribution pool named "Taken" already exists' } } };
      return { status: 201, body: { pool: { id: 'pl_1', name: input.name, members: input.memberIds.map((id) => reps.find((r) => r.id === id)) } } };
    };
    mount(PoolsEditor);
    await until(() => !!byLabel('Ben Novak in New pool'), 'the new pool form');
    const name = root.querySelector<HTMLInputElement>('form[aria-label="New pool"] input[type="text"]')!;
    name.value = 'Taken';
    name.dispatchEvent(new Event('input'));
    byLabel<HTMLInputElement>('Ben Novak in New pool').click();
    byLabel<HTMLInputElement>('Anna Rossi in New pool').click();
    button('Create pool').click();
    await until(() => !!root.querySelector('[role="alert"]'), 'the refusal');
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('already exists');
    name.value = 'Inside sales';
    name.dispatchEvent(new Event('input'));
    button('Create pool').click();
    await until(() => !!root.querySelector('form[aria-label="Inside sales"]'), 'the new pool');
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ name: 'Inside sales', memberIds: ['r_ben', 'r_anna'] });
    expect(root.textContent).toContain('Pool Inside sales created.');
  });
});
