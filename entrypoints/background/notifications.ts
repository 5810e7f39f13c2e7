import { browser } from 'wxt/browser';
import { openRequestItem } from '#utils/settings';
import { platform } from '#utils/platform/index';
import { CRM_NOTIFICATION, NEW_CHAT_NOTIFICATION } from './alerts';

/** Shows a browser notification (FEATURES B2); one id per conversation, so a second alert replaces the first. */
export async function notify(id: string, options: { title: string; message: string }): Promise<void> {
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: options.title,
    message: options.message,
    priority: 2,
  });
}

/**
 * A click on a new-chat notification opens the side panel on that conversation (FEATURES B3). The click
 * is a user gesture in Chrome, so the side panel may open (Firefox does not count it: see utils/platform); the conversation to show travels through session
 * storage, which the side panel reads whether it was already open or is just opening.
 */
export async function onNotificationClicked(notificationId: string): Promise<void> {
  const conversationId = conversationOf(notificationId);
  // The panel must be opened before any await, while the gesture still counts.
  const window = browser.windows.getLastFocused();
  const opening = window.then((w) => (w.id !== undefined ? platform.openPanel(w.id) : undefined));
  if (conversationId) await openRequestItem.setValue({ conversationId, at: Date.now() });
  await opening.catch((error: unknown) => console.warn('[parley] could not open the side panel', error));
  await browser.notifications.clear(notificationId);
}

/** The conversation a notification is about: a new chat's, or the one a CRM notification came from. */
export function conversationOf(notificationId: string): string | null {
  if (notificationId.startsWith(NEW_CHAT_NOTIFICATION)) return notificationId.slice(NEW_CHAT_NOTIFICATION.length);
  if (notificationId.startsWith(CRM_NOTIFICATION))
    return notificationId.slice(CRM_NOTIFICATION.length).split(':')[0] || null;
  return null;
}
