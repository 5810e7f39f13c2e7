import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, nextTick, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { crmSitesItem } from '../../utils/crm-sites';
import CrmSites from './CrmSites.vue';

/** The options page's CRM sites screen (SPEC E8, E12), mounted over WXT's fake storage. */
let origins: string[];
let app: App | null = null;
let root: HTMLElement;
beforeEach(() => {
  fakeBrowser.reset();
  origins = ['http://127.0.0.1/*'];
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.getAll = async () => ({ origins: [...origins], permissions: [] });
  const none = { addListener: () => {}, removeListener: () => {}, hasListener: () => false };
  permissions.onAdded = none;
  permissions.onRemoved = none;
  root = document.createElement('div');
  document.body.append(root);
  app = createApp(CrmSites);
  app.mount(root);
});
afterEach(() => {
  app?.unmount();
  root.remove();
});

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
    await nextTick();
  }
  throw new Error(`timed out waiting for ${what}; html: ${root.innerHTML.slice(0, 600)}`);
}
const field = (label: string | RegExp) =>
  [...root.querySelectorAll('label')].find((l) => (typeof label === 'string' ? l.textContent!.trim().startsWith(label) : label.test(l.textContent!)))!.querySelector('input')!;
async function type(label: string | RegExp, value: string) {
  const input = field(label);
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await nextTick();
}
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name)!;

describe('CRM sites on the options page', () => {
  it('names the wrong fields and stores nothing, then saves a valid site', async () => {
    await type('CRM name', 'Loopback CRM');
    await type('Site (match pattern)', 'crm.test');
    await type('Email element', 'span[[');
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await until(() => root.textContent!.includes('The browser does not accept this CSS selector.'), 'the errors');
    expect(root.textContent).toContain('A match pattern like');
    expect(field('Email element').getAttribute('aria-invalid')).toBe('true');
    expect(field('Email element').getAttribute('aria-describedby')).toBe('crm-site-emailSelector-error');
    expect(await crmSitesItem.getValue()).toEqual([]);

    await type('Site (match pattern)', 'http://127.0.0.1/*');
    await type('Email element', '');
    button('Use the first email link').click();
    await nextTick();
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await until(() => root.textContent!.includes('Saved Loopback CRM.'), 'the save');
    expect(await crmSitesItem.getValue()).toEqual([
      expect.objectContaining({ name: 'Loopback CRM', pattern: 'http://127.0.0.1/*', emailSelector: 'a[href^="mailto:"]', emailAttribute: 'href', recordPath: null, recordUrlTemplate: null }),
    ]);
  });

  it('starts from a common CRM, edits a site in place, warns when the site is not granted, and removes it', async () => {
    button('Fill in Pipedrive').click();
    await nextTick();
    expect(field('CRM name').value).toBe('Pipedrive');
    expect(field('Site (match pattern)').value).toBe('https://*.pipedrive.com/*');
    await type('Email element', '.email');
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await until(() => root.textContent!.includes('not allowed on this site yet'), 'the listed site with its warning');

    button('Edit Pipedrive').click();
    await nextTick();
    await type('CRM name', 'Our Pipedrive');
    root.querySelector('form')!.dispatchEvent(new Event('submit'));
    await until(() => root.textContent!.includes('Saved Our Pipedrive.'), 'the edit');
    expect((await crmSitesItem.getValue()).map((s) => s.name)).toEqual(['Our Pipedrive']);

    button('Remove Our Pipedrive').click();
    await until(() => root.textContent!.includes('No CRM sites yet.'), 'the removal');
  });
});
