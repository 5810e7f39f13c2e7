import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { EffectScope } from 'vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REP } from '#entrypoints/background/fake-hub.testing';
import { clearAll, db } from '#utils/db';
import { repItem } from '#utils/settings';
import { useSessionStore } from './session';

/**
 * Store tests' set-up: before each test an empty Dexie, a signed-in rep and a fresh Pinia (after
 * `before`, e.g. the mocked messaging's answers); after it the stores stop, so their watchers never
 * react to the next test's data. The test file mocks `#utils/messaging` itself (vi.mock is per file).
 */
export function freshStoresEachTest(before: () => void = () => {}) {
  let pinia: Pinia;
  beforeEach(async () => {
    fakeBrowser.reset();
    before();
    await clearAll(db);
    await repItem.setValue({ ...REP });
    pinia = createPinia();
    setActivePinia(pinia);
    await vi.waitFor(() => expect(useSessionStore().ready).toBe(true));
  });
  afterEach(() => {
    (pinia as unknown as { _e: EffectScope })._e.stop();
  });
}
