import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncIconRegistration } from '../../entrypoints/background/page-icon';
import { ICON_SCRIPT_FILE, ICON_SCRIPT_ID } from '../../utils/icon-protocol';
import SiteAccess from './SiteAccess.vue';

/** The permissions and scripting APIs are not in WXT's fake browser: a small in-memory stand-in. */
let origins: string[];
let answer: boolean;
let scripts: { id: string; matches: string[]; js: string[] }[];
const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() };
const event = (set: Set<() => void>) => ({
  addListener: (fn: () => void) => set.add(fn),
  removeListener: (fn: () => void) => set.delete(fn),
  hasListener: (fn: () => void) => set.has(fn),
});

beforeEach(() => {
  fakeBrowser.reset();
  origins = [];
  answer = true;
  scripts = [];
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.getAll = async () => ({ origins: [...origins], permissions: [] });
  permissions.request = vi.fn(async ({ origins: asked }: { origins: string[] }) => {
    if (answer) origins.push(...asked.filter((o) => !origins.includes(o)));
    if (answer) listeners.added.forEach((fn) => fn());
    return answer;
  });
  permissions.remove = vi.fn(async ({ origins: gone }: { origins: string[] }) => {
    origins = origins.filter((o) => !gone.includes(o));
    listeners.removed.forEach((fn) => fn());
    return true;
  });
  permissions.onAdded = event(listeners.added);
  permissions.onRemoved = event(listeners.removed);
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = async ({ ids }: { ids: string[] }) => scripts.filter((s) => ids.includes(s.id));
  scripting.registerContentScripts = async (added: typeof scripts) => void scripts.push(...added);
  scripting.updateContentScripts = async (updated: typeof scripts) => {
    scripts = scripts.map((s) => updated.find((u) => u.id === s.id) ?? s);
  };
  scripting.unregisterContentScripts = async ({ ids }: { ids: string[] }) => {
    scripts = scripts.filter((s) => !ids.includes(s.id));
  };
});

let app: App | null = null;
let root: HTMLElement;
afterEach(() => {
  app?.unmount();
  root?.remove();
});

async function mount() {
  root = document.createElement('div');
  document.body.append(root);
  app = createApp(SiteAccess);
  app.mount(root);
  await vi.waitFor(() => expect(root.querySelectorAll('input[type="checkbox"]').length).toBeGreaterThan(0));
}
const box = (name: string) =>
  [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === name)!.querySelector('input') as HTMLInputElement;

describe('site access on the options page', () => {
  it('grants a CRM preset, lists sites granted from the popup, and takes either back', async () => {
    origins = ['http://127.0.0.1/*'];
    await mount();
    await vi.waitFor(() => expect(root.textContent).toContain('http://127.0.0.1/*'));
    expect(box('HubSpot').checked).toBe(false);

    box('HubSpot').click();
    await vi.waitFor(() => expect(box('HubSpot').checked).toBe(true));
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({ origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'] });

    box('HubSpot').click();
    await vi.waitFor(() => expect(box('HubSpot').checked).toBe(false));
    expect(origins).toEqual(['http://127.0.0.1/*']);

    root.querySelector<HTMLButtonElement>('button[aria-label="Remove http://127.0.0.1/*"]')!.click();
    await vi.waitFor(() => expect(root.textContent).toContain('No other sites yet.'));
  });

  it('says so when the rep declines the prompt', async () => {
    answer = false;
    await mount();
    box('Pipedrive').click();
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toBe('Permission for this site was not given.'));
    expect(box('Pipedrive').checked).toBe(false);
  });
});

describe('icon registration', () => {
  it('registers the icon for exactly the granted sites, follows changes, and unregisters when none is left', async () => {
    expect(await syncIconRegistration()).toEqual([]);
    expect(scripts).toEqual([]);
    origins = ['http://127.0.0.1/*'];
    await syncIconRegistration();
    expect(scripts).toEqual([expect.objectContaining({ id: ICON_SCRIPT_ID, matches: ['http://127.0.0.1/*'], js: [ICON_SCRIPT_FILE] })]);
    origins.push('https://*.pipedrive.com/*');
    await syncIconRegistration();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.matches).toEqual(['http://127.0.0.1/*', 'https://*.pipedrive.com/*']);
    origins = [];
    await syncIconRegistration();
    expect(scripts).toEqual([]);
  });
});
