import { liveQuery } from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import { META_CLOSING_SOON, type ParleyDb } from '#utils/db';
import { closingSoonText } from '#utils/format';
import { describeCommandError } from '#utils/command-errors';
import {
  ICON_PORT,
  ICON_SCRIPT_FILE,
  ICON_SCRIPT_ID,
  isIconOpenMessage,
  isIconStatusMessage,
  type IconState,
  type IconStatusAnswer,
} from '#utils/icon-protocol';
import type { CommandResult, SettableStatus } from '#utils/messaging';
import { connectionStateItem, openRequestItem, repItem } from '#utils/settings';
import { platform } from '#utils/platform/index';
import { countPending } from './apply-events';

/** What the in-page icon shows (FEATURES B1): signed in or not, the rep's status, the pending count. */
export async function iconState(db: ParleyDb): Promise<IconState> {
  const [rep, connection, pending, closing] = await Promise.all([
    repItem.getValue(),
    connectionStateItem.getValue(),
    countPending(db),
    db.meta.get(META_CLOSING_SOON),
  ]);
  const warnings = ((closing?.value as { chatName: string; closesAt: string }[] | undefined) ?? []).filter(
    (w) => Date.parse(w.closesAt) > Date.now(),
  );
  return {
    signedIn: rep !== null,
    status: rep && connection === 'online' ? rep.status : 'offline',
    pending: rep ? pending : 0,
    warning: rep && warnings.length > 0 ? warnings.map(closingSoonText).join(' ') : null,
  };
}

/**
 * Keeps every in-page icon up to date: each holds a port, and the worker pushes the state when the
 * pending count, the rep or the connection changes. A click on an icon opens the side panel on the
 * newest pending conversation — the chat that just made it blink — or on the inbox. The icon's
 * status menu sets the rep's availability (FEATURES A3) the way the popup does.
 */
export function servePageIcons(
  db: ParleyDb,
  deps: { setStatus(status: SettableStatus): Promise<CommandResult> },
): void {
  const ports = new Set<Browser.runtime.Port>();
  let last: IconState | null = null;

  const push = async () => {
    last = await iconState(db);
    for (const port of ports) port.postMessage(last);
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== ICON_PORT) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    void iconState(db).then((state) => port.postMessage(state));
  });
  liveQuery(() => Promise.all([countPending(db), db.meta.get(META_CLOSING_SOON)])).subscribe({
    next: () => void push(),
    error: () => {},
  });
  repItem.watch(() => void push());
  connectionStateItem.watch(() => void push());

  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (isIconStatusMessage(message)) {
      return deps
        .setStatus(message.status)
        .then((result): IconStatusAnswer => ({ error: result.ok ? null : describeCommandError(result) }));
    }
    if (!isIconOpenMessage(message)) return undefined;
    const windowId = sender.tab?.windowId;
    // Called at once, while the click's user gesture still counts.
    if (windowId !== undefined) {
      platform
        .openPanel(windowId)
        .catch((error: unknown) => console.warn('[parley] could not open the side panel', error));
    }
    void newestPending(db).then((newest) =>
      newest ? openRequestItem.setValue({ conversationId: newest.id, at: Date.now() }) : undefined,
    );
    return undefined;
  });
}

/** The conversation that most recently entered this rep's Pending folder by its creation: the one an icon click opens. */
export async function newestPending(db: ParleyDb) {
  const pending = await db.conversations.where('folder').equals('pending').sortBy('createdAt');
  return pending.at(-1);
}

/**
 * The icon's content script runs on exactly the sites whose host permission the rep granted (the
 * popup's "Use Parley on this site" or a CRM preset): registered at run time, re-synced whenever a
 * permission is added or removed, and gone when none is left.
 */
export async function syncIconRegistration(): Promise<string[]> {
  const origins = ((await browser.permissions.getAll()).origins ?? []).filter((o) => /^https?:\/\//.test(o));
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [ICON_SCRIPT_ID] });
  if (origins.length === 0) {
    if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [ICON_SCRIPT_ID] });
    return [];
  }
  const script = {
    id: ICON_SCRIPT_ID,
    matches: origins,
    js: [ICON_SCRIPT_FILE],
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (registered.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
  return origins;
}

/** Right after the rep granted a site: register, and show the icon in the open tab without a reload. */
export async function enableOnTab(tabId: number): Promise<void> {
  await syncIconRegistration();
  await browser.scripting.executeScript({ target: { tabId }, files: [ICON_SCRIPT_FILE as '/background.js'] });
}

export function watchIconPermissions(): void {
  browser.permissions.onAdded.addListener(() => void syncIconRegistration());
  browser.permissions.onRemoved.addListener(() => void syncIconRegistration());
}
