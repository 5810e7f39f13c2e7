import { storage } from 'wxt/utils/storage';

/**
 * Collision detection (FEATURES C10) lives in session storage: it is "who is looking right now", never
 * history, so it must not outlive the browser session, yet it must survive a worker restart.
 */
export interface ViewerRef {
  id: string;
  name: string;
}

/** The latest `viewers` frame per conversation id. */
export const viewersItem = storage.defineItem<Record<string, ViewerRef[]>>('session:viewers', { fallback: {} });

/** The conversation this rep has open in the side panel; resent to the hub after every reconnect. */
export const viewingItem = storage.defineItem<string | null>('session:viewing', { fallback: null });

/** Names of the others viewing, never the rep themself. */
export function otherViewers(
  all: Record<string, ViewerRef[]>,
  conversationId: string | null,
  myId: string | null,
): ViewerRef[] {
  if (!conversationId) return [];
  return (all[conversationId] ?? []).filter((viewer) => viewer.id !== myId);
}

/** The side panel holds a port of this name open; its disconnect means the panel closed. */
export const SIDE_PANEL_PORT = 'parley-side-panel';
