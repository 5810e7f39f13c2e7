// Side panel with a long conversation and a large cache (FEATURES D1, D6), timed in the page:
//  - open: from the click on a conversation of 10,000 messages until its newest line is in the DOM
//    (the virtual list opens at the bottom), and the next frame;
//  - scroll: the list scrolled from bottom to top in steps, one step per frame: frame times;
//  - search: typing a phrase into "Search all conversations" over 100,000 cached messages until the
//    results are shown (includes the box's 200 ms debounce).
// The worker's hub is unreachable (port 9), so everything comes from the extension's IndexedDB.
import { chromium } from '@playwright/test';
import { chromiumPath } from '../scripts/browsers.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGS, PANEL_VIEWPORT, REP } from './sidepanel.mjs';

const WORDS = [
  'order',
  'parcel',
  'refund',
  'invoice',
  'delivery',
  'size',
  'colour',
  'return',
  'discount',
  'account',
  'password',
  'shipping',
];

/** Runs in the page: raw IndexedDB writes, with the words the extension's Dexie hook would store (utils/search-words.ts). */
async function fill({ conversations, messagesEach, words }) {
  const wordsOf = (text) => [
    ...new Set([...text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map(([w]) => w.slice(0, 24))),
  ];
  const idb = await new Promise((res, rej) =>
    Object.assign(indexedDB.open('parley'), { onsuccess: (e) => res(e.target.result), onerror: rej }),
  );
  for (let c = 0; c < conversations; c++) {
    const tx = idb.transaction(['conversations', 'messages'], 'readwrite');
    const id = `c_bench_${c}`;
    const start = Date.UTC(2026, 0, 1) + c * 3_600_000;
    tx.objectStore('conversations').put({
      id,
      chatId: 'ch_demo',
      chatName: 'Demo shop',
      channel: 'web',
      visitorId: `v_${c}`,
      visitorName: `Visitor ${c}`,
      visitorEmail: null,
      status: 'active',
      ownerId: 'r_anna',
      ownerName: 'Anna Rossi',
      queueId: 'q_demo',
      queueName: 'Sales',
      offeredTo: [],
      closedReason: null,
      folder: 'active',
      access: 'owner',
      createdAt: new Date(start).toISOString(),
      lastMessageAt: new Date(start + messagesEach * 1000).toISOString(),
      lastMessagePreview: `conversation ${c}`,
      tags: [],
    });
    for (let m = 0; m < messagesEach; m++) {
      const text = `Message ${m} about my ${words[(c + m) % words.length]} ${c * messagesEach + m}: could you check https://shop.example/o/${m}?`;
      tx.objectStore('messages').put({
        id: `${id}_m${m}`,
        conversationId: id,
        clientId: null,
        author: m % 2 ? 'rep' : 'visitor',
        authorName: m % 2 ? 'Anna Rossi' : null,
        repId: m % 2 ? 'r_anna' : null,
        text,
        pageUrl: m % 2 ? null : 'https://shop.example/cart',
        createdAt: new Date(start + m * 1000).toISOString(),
        words: wordsOf(text),
      });
    }
    await new Promise((res, rej) => Object.assign(tx, { oncomplete: res, onerror: rej }));
  }
  idb.close();
}

async function withPanel(seed, run) {
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
    await worker.evaluate(
      (rep) => chrome.storage.local.set({ hubUrl: 'http://127.0.0.1:9', sessionToken: 'bench-token', repProfile: rep }),
      REP,
    );
    const seeder = await context.newPage();
    await seeder.goto(url);
    await seeder.locator('.inbox').first().waitFor();
    await seeder.evaluate(fill, { ...seed, words: WORDS });
    await seeder.close();
    return await run(context, url);
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Open and scroll a 10,000-message conversation, `runs` times. */
export async function longConversation({ messages = 10_000, runs = 5, steps = 120 } = {}) {
  return withPanel({ conversations: 1, messagesEach: messages }, async (context, url) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('.conversation-item').first().waitFor();
      samples.push(
        await page.evaluate(
          async ({ last, steps }) => {
            const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
            const t0 = performance.now();
            document.querySelector('.conversation-item').click();
            while (!document.querySelector(`ol.messages > li[aria-posinset="${last}"]`))
              await new Promise((r) => setTimeout(r, 0));
            const open = performance.now() - t0;
            const openFrame = (await frame()) - t0;
            const scroller = document.querySelector('.message-scroll');
            const rows = document.querySelectorAll('ol.messages > li').length;
            const frames = [];
            let before = await frame();
            for (let s = 1; s <= steps; s++) {
              scroller.scrollTop = scroller.scrollHeight * (1 - s / steps);
              const now = await frame();
              frames.push(now - before);
              before = now;
            }
            return { open, openFrame, rows, frames };
          },
          { last: messages, steps },
        ),
      );
      await page.close();
    }
    return samples;
  });
}

/** Search across `conversations × messagesEach` cached messages for a phrase, `runs` times per phrase. */
export async function searchCache({
  conversations = 1000,
  messagesEach = 100,
  runs = 5,
  phrases = ['parcel', 'about my refund', 'invoice 4242'],
} = {}) {
  return withPanel({ conversations, messagesEach }, async (context, url) => {
    const results = {};
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('#inbox-phrase').waitFor();
    for (const phrase of phrases) {
      results[phrase] = [];
      for (let i = 0; i < runs; i++) {
        await page.fill('#inbox-phrase', '');
        await page.waitForFunction(() => !document.querySelector('.inbox-search [role=status]'));
        results[phrase].push(
          await page.evaluate(async (text) => {
            const box = document.querySelector('#inbox-phrase');
            const t0 = performance.now();
            box.value = text;
            box.dispatchEvent(new Event('input', { bubbles: true }));
            while (!document.querySelector('.inbox-search [role=status]')) await new Promise((r) => setTimeout(r, 0));
            return {
              ms: performance.now() - t0,
              status: document.querySelector('.inbox-search [role=status]').textContent.trim(),
            };
          }, phrase),
        );
      }
    }
    await page.close();
    return results;
  });
}

export { pct };
