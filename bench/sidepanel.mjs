// Side panel first render from the local cache (420 × 900): the extension's IndexedDB holds N pending
// conversations (a few messages each) and a signed-in session whose hub is unreachable, so the panel
// can only draw from the cache. Timed in the page from navigation start (performance.now()).
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/browsers.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const EXT = resolve('.output/chrome-mv3');
// Same flags as the end-to-end fixture (tests/e2e/support/fixtures.ts); see /work/shared/TOOLCHAIN.md.
export const ARGS = [
  '--no-sandbox',
  `--disable-extensions-except=${EXT}`,
  `--load-extension=${EXT}`,
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--lang=en-US',
];
export const REP = {
  id: 'r_anna',
  name: 'Anna Rossi',
  email: 'anna@demo.parley.test',
  role: 'rep',
  mode: 'rep',
  status: 'online',
};
/** A side panel as Chromium opens it beside a page. */
export const PANEL_VIEWPORT = { width: 420, height: 900 };

function conversation(i) {
  const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    id: `c_bench_${i}`,
    chatId: 'ch_demo',
    chatName: 'Demo shop',
    channel: 'web',
    visitorId: `v_bench_${i}`,
    visitorName: i % 3 ? null : `Visitor ${i}`,
    visitorEmail: null,
    status: 'pending',
    ownerId: null,
    ownerName: null,
    queueId: 'q_demo',
    queueName: 'Sales & support',
    offeredTo: [],
    closedReason: null,
    folder: 'pending',
    access: 'reader',
    createdAt: at,
    lastMessageAt: at,
    lastMessagePreview: `Hello, question number ${i} about my order`,
  };
}

/**
 * Runs in the page: raw IndexedDB writes into the database the extension's Dexie already opened. Dexie's
 * writes keep each folder's size in `folderCounts` (utils/folder-counts.ts); raw writes bypass that, so
 * this keeps them itself, in the same transaction, as the worker's writes would (the counts start empty).
 */
async function fill({ conversations, messagesEach }) {
  const idb = await new Promise((res, rej) =>
    Object.assign(indexedDB.open('parley'), { onsuccess: (e) => res(e.target.result), onerror: rej }),
  );
  const tx = idb.transaction(['conversations', 'messages', 'folderCounts'], 'readwrite');
  const counts = new Map();
  for (const c of conversations) counts.set(c.folder, (counts.get(c.folder) ?? 0) + 1);
  for (const [folder, count] of counts) tx.objectStore('folderCounts').put({ folder, count });
  for (const c of conversations) {
    tx.objectStore('conversations').put(c);
    for (let m = 0; m < messagesEach; m++) {
      tx.objectStore('messages').put({
        id: `${c.id}_m${m}`,
        conversationId: c.id,
        clientId: null,
        author: 'visitor',
        authorName: null,
        repId: null,
        text: `${c.lastMessagePreview} (${m})`,
        pageUrl: 'https://shop.example/',
        createdAt: c.createdAt,
      });
    }
  }
  await new Promise((res, rej) => Object.assign(tx, { oncomplete: res, onerror: rej }));
  idb.close();
}

// Installed before the panel's scripts run. Two moments, each when the first conversation row exists and
// the Pending folder counts all N with the rows in view drawn (the list is virtual, so only those are in
// the DOM; the count is the folder's kept size): `first`, anywhere on the page, which since the kept first
// screen (utils/first-screen.ts) is that screen as the panel last showed it; `all`, in the live app, which
// has then read the cache and taken the kept screen's place; then the next frame.
const observe = (target) => {
  const marks = (window.__bench = {});
  const drawn = (root) =>
    root.querySelectorAll('.conversation-item').length > 0 &&
    root.querySelector('section.folder .count')?.textContent === String(target);
  new MutationObserver(() => {
    if (!marks.first && drawn(document)) marks.first = performance.now();
    const live = document.getElementById('app');
    if (!marks.all && live && !document.getElementById('first-screen') && drawn(live)) {
      marks.all = performance.now();
      marks.rows = live.querySelectorAll('.conversation-item').length;
      requestAnimationFrame(() => (marks.frame = performance.now()));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

export async function sidePanelRender({ conversations = 1000, messagesEach = 3, runs = 7 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'parley-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    locale: 'en-US',
    viewport: PANEL_VIEWPORT,
  });
  try {
    const isParley = (w) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
    const worker =
      context.serviceWorkers().find(isParley) ?? (await context.waitForEvent('serviceworker', { predicate: isParley }));
    const url = `chrome-extension://${new URL(worker.url()).host}/sidepanel.html`;
    // Port 9 (discard) is closed here: the worker stays offline and the panel shows only the cache.
    await worker.evaluate(
      (rep) => chrome.storage.local.set({ hubUrl: 'http://127.0.0.1:9', sessionToken: 'bench-token', repProfile: rep }),
      REP,
    );
    const seeder = await context.newPage();
    await seeder.goto(url);
    await seeder.locator('.inbox').first().waitFor(); // Dexie has opened (and created) the database
    await seeder.evaluate(fill, {
      conversations: Array.from({ length: conversations }, (_, i) => conversation(i)),
      messagesEach,
    });
    await seeder.close();
    // The rep's last opening, which drew the N conversations and kept that screen for the next one.
    const last = await context.newPage();
    await last.addInitScript(observe, conversations);
    await last.goto(url);
    await last.waitForFunction(() => window.__bench.frame, null, { timeout: 30_000 });
    await last.waitForFunction((n) => localStorage.getItem('parley:first-screen')?.includes(`"${n}"`), conversations);
    await last.close();

    const samples = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.addInitScript(observe, conversations);
      await page.goto(url);
      await page.waitForFunction(() => window.__bench.frame, null, { timeout: 30_000 });
      samples.push(await page.evaluate(() => window.__bench));
      await page.close();
    }
    return samples;
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}
