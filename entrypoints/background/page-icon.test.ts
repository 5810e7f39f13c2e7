import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, META_CLOSING_SOON, type ParleyDb } from '../../utils/db';
import { connectionStateItem, repItem } from '../../utils/settings';
import { conversation, REP } from './fake-hub.testing';
import { iconState } from './page-icon';

let db: ParleyDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createDb(`icon-${crypto.randomUUID()}`);
});

describe('page icon state', () => {
  it("counts this rep's Pending folder and shows their status only while connected", async () => {
    expect(await iconState(db)).toEqual({ signedIn: false, status: 'offline', pending: 0, warning: null });
    await repItem.setValue({ ...REP, status: 'away' });
    await db.conversations.bulkPut([
      conversation('c1', 'pending'),
      conversation('c2', 'pending'),
      conversation('c3', 'active', REP.id),
      // Pending, but offered to others only: not in this rep's Pending folder.
      conversation('c4', 'pending', null, { folder: 'none', access: 'none', offeredTo: ['rep-bob'] }),
    ]);
    expect(await iconState(db)).toEqual({ signedIn: true, status: 'offline', pending: 2, warning: null });
    await connectionStateItem.setValue('online');
    expect(await iconState(db)).toEqual({ signedIn: true, status: 'away', pending: 2, warning: null });

    // The hub's closing warning (SPEC B4) shows on the icon until the closing time.
    const soon = new Date(Date.now() + 15 * 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.meta.put({ key: META_CLOSING_SOON, value: [{ chatId: 'chat-1', chatName: 'Demo shop', closesAt: soon }, { chatId: 'chat-2', chatName: 'Old', closesAt: past }] });
    expect((await iconState(db)).warning).toMatch(/^Demo shop closes at .+ — you have active conversations\.$/);
  });
});
