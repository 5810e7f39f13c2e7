import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb, type ParleyDb } from '#utils/db';
import { navigateItem, openRequestItem } from '#utils/settings';
import { conversation, REP } from './fake-hub.testing';
import { createShortcuts, nextToTake, SHORTCUTS } from './shortcuts';

let db: ParleyDb;
let take: ReturnType<typeof vi.fn>;
let open: ReturnType<typeof vi.fn>;
let onCommand: ReturnType<typeof createShortcuts>;
const tab = { windowId: 7 } as never;

beforeEach(async () => {
  fakeBrowser.reset();
  db = createDb(`shortcuts-${crypto.randomUUID()}`);
  take = vi.fn(async () => ({ ok: true }));
  open = vi.fn(async () => {});
  (fakeBrowser as unknown as Record<string, unknown>).sidePanel = { open };
  onCommand = createShortcuts(db, take);
  await db.conversations.bulkPut([
    conversation('newer', 'pending', null, { createdAt: '2025-01-01T10:05:00.000Z' }),
    conversation('oldest-not-mine', 'pending', null, { createdAt: '2025-01-01T09:00:00.000Z', access: 'supervisor' }),
    conversation('older', 'pending', null, { createdAt: '2025-01-01T10:00:00.000Z' }),
    conversation('mine', 'active', REP.id),
  ]);
});

describe('keyboard shortcuts', () => {
  it('open the side panel in the window the shortcut was pressed in', async () => {
    await onCommand(SHORTCUTS.openPanel, tab);
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
  });

  it('take the longest-waiting chat offered to this rep and show it in the panel', async () => {
    expect(await nextToTake(db)).toBe('older');
    await onCommand(SHORTCUTS.takeNext, tab);
    expect(take).toHaveBeenCalledWith('older');
    expect(open).toHaveBeenCalledWith({ windowId: 7 });
    expect(await openRequestItem.getValue()).toMatchObject({ conversationId: 'older' });
  });

  it('take nothing when nothing is offered, and show nothing when the hub refuses', async () => {
    take.mockResolvedValue({ ok: false, code: 'conflict', message: 'too late' });
    await onCommand(SHORTCUTS.takeNext, tab);
    expect(await openRequestItem.getValue()).toBeNull();
    await db.conversations.where('folder').equals('pending').delete();
    take.mockClear();
    await onCommand(SHORTCUTS.takeNext, tab);
    expect(take).not.toHaveBeenCalled();
  });

  it('ask the side panel to move to the next or previous conversation', async () => {
    await onCommand(SHORTCUTS.next, tab);
    expect(await navigateItem.getValue()).toMatchObject({ direction: 1 });
    await onCommand(SHORTCUTS.previous, tab);
    expect(await navigateItem.getValue()).toMatchObject({ direction: -1 });
  });
});
