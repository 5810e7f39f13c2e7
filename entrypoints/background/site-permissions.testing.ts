import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * The permissions and scripting APIs are not in WXT's fake browser: a small in-memory stand-in,
 * installed on the (reset) fake browser. The returned state is live: a test may set `origins` (what
 * the rep granted), `answer` (how the rep answers the prompt) and read `scripts` (what is registered).
 */
export function fakeSitePermissions() {
  const state = {
    origins: [] as string[],
    answer: true,
    scripts: [] as { id: string; matches: string[]; js: string[] }[],
  };
  const listeners = { added: new Set<() => void>(), removed: new Set<() => void>() };
  const event = (set: Set<() => void>) => ({
    addListener: (fn: () => void) => set.add(fn),
    removeListener: (fn: () => void) => set.delete(fn),
    hasListener: (fn: () => void) => set.has(fn),
  });
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.getAll = async () => ({ origins: [...state.origins], permissions: [] });
  permissions.request = vi.fn(async ({ origins: asked }: { origins: string[] }) => {
    if (state.answer) state.origins.push(...asked.filter((o) => !state.origins.includes(o)));
    if (state.answer) listeners.added.forEach((fn) => fn());
    return state.answer;
  });
  permissions.remove = vi.fn(async ({ origins: gone }: { origins: string[] }) => {
    state.origins = state.origins.filter((o) => !gone.includes(o));
    listeners.removed.forEach((fn) => fn());
    return true;
  });
  permissions.onAdded = event(listeners.added);
  permissions.onRemoved = event(listeners.removed);
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = async ({ ids }: { ids: string[] }) =>
    state.scripts.filter((s) => ids.includes(s.id));
  scripting.registerContentScripts = async (added: typeof state.scripts) => void state.scripts.push(...added);
  scripting.updateContentScripts = async (updated: typeof state.scripts) => {
    state.scripts = state.scripts.map((s) => updated.find((u) => u.id === s.id) ?? s);
  };
  scripting.unregisterContentScripts = async ({ ids }: { ids: string[] }) => {
    state.scripts = state.scripts.filter((s) => !ids.includes(s.id));
  };
  return state;
}
