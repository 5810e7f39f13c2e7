import type { Browser } from 'wxt/browser';
import type { ParleyDb } from '#utils/db';
import type { CommandResult } from '#utils/messaging';
import { navigateItem, openRequestItem } from '#utils/settings';
import { platform } from '#utils/platform/index';

/** Keyboard shortcuts (FEATURES B5), declared as extension commands in wxt.config.ts. */
export const SHORTCUTS = {
  openPanel: 'open-panel',
  takeNext: 'take-next',
  next: 'next-conversation',
  previous: 'previous-conversation',
} as const;

/** The longest-waiting conversation this rep may take: pending in their folder and offered to them. */
export async function nextToTake(db: ParleyDb): Promise<string | null> {
  const pending = await db.conversations.where('folder').equals('pending').sortBy('createdAt');
  return pending.find((c) => c.access === 'offered')?.id ?? null;
}

export function createShortcuts(db: ParleyDb, take: (conversationId: string) => Promise<CommandResult>) {
  return async function onCommand(command: string, tab?: Browser.tabs.Tab): Promise<void> {
    switch (command) {
      case SHORTCUTS.openPanel: {
        // A shortcut is a user gesture: open at once, before anything is awaited.
        const windowId = tab?.windowId;
        if (windowId !== undefined) await platform.openPanel(windowId).catch(() => {});
        return;
      }
      case SHORTCUTS.takeNext: {
        const windowId = tab?.windowId;
        const opening = windowId !== undefined ? platform.openPanel(windowId).catch(() => {}) : Promise.resolve();
        const id = await nextToTake(db);
        if (!id) return void (await opening);
        const result = await take(id);
        if (result.ok) await openRequestItem.setValue({ conversationId: id, at: Date.now() });
        await opening;
        return;
      }
      case SHORTCUTS.next:
      case SHORTCUTS.previous:
        // The side panel owns the selection; it moves when it sees this.
        await navigateItem.setValue({ direction: command === SHORTCUTS.next ? 1 : -1, at: Date.now() });
        return;
    }
  };
}
