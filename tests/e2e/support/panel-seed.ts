import type { Page, Worker } from '@playwright/test';
import type { CachedCard, CachedMessage } from '#utils/db';
import type { Conversation } from '#protocol';
import { extensionUrl } from './helpers';

/** The extension's API, as seen from code evaluated in its service worker. */
declare const chrome: { storage: { local: { set(items: object): Promise<void> } } };

/**
 * A side panel with fixed content, for layout checks and visual snapshots: a signed-in rep whose hub
 * is unreachable (port 9), so everything comes from the extension's IndexedDB — one active
 * conversation of 30 messages owned by the rep, a cached contact card, and a few other chats. Dates
 * are fixed, so the pixels are the same on every run.
 */
export const REP = {
  id: 'r_anna',
  name: 'Anna Rossi',
  email: 'anna@demo.parley.test',
  role: 'rep',
  mode: 'rep',
  status: 'online',
} as const;
const AT = (minute: number) => new Date(Date.UTC(2026, 10, 23, 9, minute)).toISOString();

export const OPEN_ID = 'c_layout';
export const LAST_LINE = 'Perfect, then I will order the oak chairs today. Thank you!';

function conversation(
  id: string,
  folder: 'pending' | 'active',
  name: string,
  preview: string,
  minute: number,
): Conversation {
  return {
    id,
    chatId: 'ch_demo',
    chatName: 'Demo shop',
    channel: 'web',
    visitorId: `v_${id}`,
    visitorName: name,
    visitorEmail: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    status: folder,
    ownerId: folder === 'active' ? REP.id : null,
    ownerName: folder === 'active' ? REP.name : null,
    queueId: 'q_demo',
    queueName: 'Sales & support',
    offeredTo: folder === 'pending' ? [REP.id] : [],
    closedReason: null,
    folder,
    access: folder === 'active' ? 'owner' : 'offered',
    createdAt: AT(minute),
    lastMessageAt: AT(minute + 30),
    lastMessagePreview: preview,
    tags: [],
  } as Conversation;
}

function messages(): CachedMessage[] {
  return Array.from({ length: 30 }, (_, i) => {
    const visitor = i % 2 === 0;
    const text =
      i === 29
        ? LAST_LINE
        : visitor
          ? `Question ${i / 2 + 1}: do the oak chairs come in a darker finish?`
          : `Yes — walnut and smoked oak. Shall I send you the catalogue page? (${i})`;
    return {
      id: `m_layout_${String(i).padStart(2, '0')}`,
      conversationId: OPEN_ID,
      clientId: null,
      author: i === 29 || visitor ? 'visitor' : 'rep',
      authorName: i === 29 || visitor ? null : REP.name,
      repId: i === 29 || visitor ? null : REP.id,
      text,
      pageUrl: i === 29 || visitor ? 'https://shop.example/chairs/oak' : null,
      createdAt: AT(i),
    } as CachedMessage;
  });
}

function card(): CachedCard {
  return {
    conversationId: OPEN_ID,
    savedAt: Date.UTC(2026, 10, 23, 10),
    card: {
      status: 'matched',
      card: {
        contact: {
          id: 'ct_jonas',
          kind: 'person',
          name: 'Jonas Keller',
          email: 'jonas@example.com',
          phone: '+49 30 5550 1234',
          address: 'Torstraße 1, Berlin',
          company: null,
          owner: { id: 'r_ben', name: 'Ben Novak' },
          fromChat: false,
          createdAt: AT(0),
        },
        score: { value: 72, rules: [] },
        fields: [
          { key: 'email', label: null, custom: false, value: 'jonas@example.com' },
          { key: 'phone', label: null, custom: false, value: '+49 30 5550 1234' },
        ],
        company: null,
        cart: [],
        purchases: [],
        tags: ['oak-fan', 'restaurant'],
        emails: [],
        notes: [],
        tasks: [],
        canEdit: true,
      },
    },
  };
}

/** Signs the extension in (offline) and fills its cache; returns the side panel's address. */
export async function seedPanel(worker: Worker, page: Page, extensionId: string): Promise<string> {
  const url = extensionUrl(extensionId, 'sidepanel.html');
  await worker.evaluate(
    (rep) => chrome.storage.local.set({ hubUrl: 'http://127.0.0.1:9', sessionToken: 'layout-token', repProfile: rep }),
    REP,
  );
  await page.goto(url);
  await page.locator('.inbox').waitFor();
  const data = {
    conversations: [
      conversation(OPEN_ID, 'active', 'Jonas Keller', LAST_LINE, 0),
      conversation('c_maria', 'pending', 'Maria Bianchi', 'Is the lamp still in stock?', 5),
      conversation('c_pavel', 'pending', 'Pavel Novák', 'Can I change my delivery address?', 7),
    ],
    messages: messages(),
    cards: [card()],
  };
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((ok, fail) =>
      Object.assign(indexedDB.open('parley'), {
        onsuccess: (e: Event) => ok((e.target as IDBOpenDBRequest).result),
        onerror: fail,
      }),
    );
    const tx = db.transaction(['conversations', 'messages', 'cards'], 'readwrite');
    for (const [store, list] of Object.entries(rows))
      for (const row of list as object[]) tx.objectStore(store).put(row);
    await new Promise((ok, fail) => Object.assign(tx, { oncomplete: ok, onerror: fail }));
    db.close();
  }, data);
  await page.reload();
  return url;
}
