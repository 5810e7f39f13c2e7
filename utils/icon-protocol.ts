/**
 * Between the in-page icon (content script, FEATURES B1) and the worker. The icon holds a port open and
 * the worker pushes the state whenever it changes; a click is a one-shot message, so the click's user
 * gesture reaches the worker and it may open the side panel.
 */
export const ICON_PORT = 'parley-icon';
export const ICON_SCRIPT_ID = 'parley-crm-icon';
export const ICON_SCRIPT_FILE = 'content-scripts/crm-icon.js';

export interface IconState {
  signedIn: boolean;
  /** The rep's availability, or 'offline' while the worker has no connection to the hub. */
  status: 'online' | 'away' | 'invisible' | 'offline';
  /** Conversations in the rep's Pending folder: the count shown, and the icon blinks while it is above zero. */
  pending: number;
  /** The closing warning to show (FEATURES B4), already in the rep's language, or null. */
  warning: string | null;
}

export interface IconOpenMessage {
  target: typeof ICON_PORT;
  type: 'open';
}

export function isIconOpenMessage(message: unknown): message is IconOpenMessage {
  const m = message as Partial<IconOpenMessage> | null;
  return !!m && m.target === ICON_PORT && m.type === 'open';
}

/** What the rep may pick from the icon's status menu (FEATURES A3), as from the popup. */
export type SettableIconStatus = 'online' | 'away' | 'invisible' | 'offline';
const SETTABLE: readonly string[] = ['online', 'away', 'invisible', 'offline'] satisfies SettableIconStatus[];

export interface IconStatusMessage {
  target: typeof ICON_PORT;
  type: 'setStatus';
  status: SettableIconStatus;
}

/** The worker's answer: null error once the hub has the status, or why not, in the rep's language. */
export interface IconStatusAnswer {
  error: string | null;
}

/** Checked by the worker: a content script's message is input like any other. */
export function isIconStatusMessage(message: unknown): message is IconStatusMessage {
  const m = message as Partial<IconStatusMessage> | null;
  return !!m && m.target === ICON_PORT && m.type === 'setStatus' && SETTABLE.includes(m.status as string);
}

/**
 * CRM page awareness (FEATURES E12): the record email the page shows now (null: none), sent by the
 * content script when it or the page's address changes. The worker checks the address again.
 */
export interface RecordEmailMessage {
  target: typeof ICON_PORT;
  type: 'recordEmail';
  email: string | null;
  url: string;
}

export function isRecordEmailMessage(message: unknown): message is RecordEmailMessage {
  const m = message as Partial<RecordEmailMessage> | null;
  return (
    !!m &&
    m.target === ICON_PORT &&
    m.type === 'recordEmail' &&
    (m.email === null || typeof m.email === 'string') &&
    typeof m.url === 'string'
  );
}

/** Where the icon sits, as distances from the viewport's bottom-right corner, kept in storage.local. */
export const ICON_POSITION_KEY = 'iconPosition';
export interface IconPosition {
  right: number;
  bottom: number;
}
export const DEFAULT_ICON_POSITION: IconPosition = { right: 24, bottom: 24 };
export const ICON_SIZE = 48;

/** Keeps the icon inside the viewport whatever was stored or dragged. */
export function clampPosition(position: IconPosition, viewport: { width: number; height: number }): IconPosition {
  const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), Math.max(0, max));
  return {
    right: clamp(position.right, viewport.width - ICON_SIZE),
    bottom: clamp(position.bottom, viewport.height - ICON_SIZE),
  };
}

/** The match pattern for a page's origin, or null for pages no extension may script (chrome://, files…). */
export function originPattern(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.protocol}//${parsed.hostname}/*`;
  } catch {
    return null;
  }
}
