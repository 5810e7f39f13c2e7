import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, META_CLOSING_SOON, type ParleyDb } from '#utils/db';
import { ICON_PORT } from '#utils/icon-protocol';
import type { CommandResult } from '#utils/messaging';
import { connectionStateItem, openRequestItem, repItem } from '#utils/settings';
import { conversation, REP } from './fake-hub.testing';
import { iconState, newestPending, servePageIcons } from './page-icon';

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

    // The hub's closing warning (FEATURES B4) shows on the icon until the closing time.
    const soon = new Date(Date.now() + 15 * 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    await db.meta.put({
      key: META_CLOSING_SOON,
      value: [
        { chatId: 'chat-1', chatName: 'Demo shop', closesAt: soon },
        { chatId: 'chat-2', chatName: 'Old', closesAt: past },
      ],
    });
    expect((await iconState(db)).warning).toMatch(/^Demo shop closes at .+ — you have active conversations\.$/);
  });
});

describe('page icon messages', () => {
  async function serve(setStatus = vi.fn(async (): Promise<CommandResult> => ({ ok: true }))) {
    const open = vi.fn(async () => {});
    (fakeBrowser as unknown as Record<string, unknown>).sidePanel = { open };
    // The fake browser has no ports; the icon's state push is covered above and end to end.
    (fakeBrowser.runtime as unknown as Record<string, unknown>).onConnect = { addListener: () => {} };
    servePageIcons(db, { setStatus });
    return { setStatus, open };
  }
  const fromTab = { tab: { id: 7, windowId: 3 } } as never;

  it('a click opens the side panel on the newest pending conversation', async () => {
    await repItem.setValue(REP);
    await db.conversations.bulkPut([
      conversation('older', 'pending', null, { createdAt: '2025-01-01T10:00:00.000Z' }),
      conversation('newest', 'pending', null, { createdAt: '2025-01-01T10:05:00.000Z' }),
      conversation('mine', 'active', REP.id, { createdAt: '2025-01-01T10:09:00.000Z' }),
    ]);
    expect((await newestPending(db))?.id).toBe('newest');
    const { open } = await serve();
    await Promise.all(await fakeBrowser.runtime.onMessage.trigger({ target: ICON_PORT, type: 'open' }, fromTab));
    expect(open).toHaveBeenCalledWith({ windowId: 3 });
    await vi.waitFor(async () => expect(await openRequestItem.getValue()).toMatchObject({ conversationId: 'newest' }));
  });

  it("sets the rep's availability from the icon, answering with the refusal in words, and ignores anything else", async () => {
    const setStatus = vi.fn(async (status: string): Promise<CommandResult> =>
      status === 'away' ? { ok: false, code: 'offline', message: 'x' } : { ok: true },
    );
    await serve(setStatus);
    const answers = await fakeBrowser.runtime.onMessage.trigger(
      { target: ICON_PORT, type: 'setStatus', status: 'invisible' },
      fromTab,
    );
    expect(answers).toContainEqual({ error: null });
    expect(setStatus).toHaveBeenCalledWith('invisible');
    const refused = await fakeBrowser.runtime.onMessage.trigger(
      { target: ICON_PORT, type: 'setStatus', status: 'away' },
      fromTab,
    );
    expect(refused).toContainEqual({ error: expect.stringMatching(/hub/i) });
    await Promise.all(
      await fakeBrowser.runtime.onMessage.trigger({ target: ICON_PORT, type: 'setStatus', status: 'offline' }, fromTab),
    );
    expect(setStatus).toHaveBeenLastCalledWith('offline');
    await Promise.all(
      await fakeBrowser.runtime.onMessage.trigger(
        { target: ICON_PORT, type: 'setStatus', status: 'gone fishing' },
        fromTab,
      ),
    );
    await Promise.all(
      await fakeBrowser.runtime.onMessage.trigger(
        { target: 'elsewhere', type: 'setStatus', status: 'online' },
        fromTab,
      ),
    );
    expect(setStatus).toHaveBeenCalledTimes(3);
  });
});
