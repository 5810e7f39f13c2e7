// Set-up for every component test in Chromium, after fake-browser.ts: the page has the stylesheet all
// the extension's pages load, so what a test sees is laid out as shipped; and each test starts from an
// empty extension: the previous test's component unmounted (vitest-browser-vue, imported first so its
// clean-up runs first), the fake browser reset, the real IndexedDB emptied (the inbox and the session's token).
import { beforeEach } from 'vitest';
import 'vitest-browser-vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import '../../assets/parley.css';
import { clearAll, db } from '#utils/db';
import { tokenItem } from '#utils/session-token';

beforeEach(async () => {
  fakeBrowser.reset();
  await clearAll(db);
  await tokenItem.removeValue();
});
