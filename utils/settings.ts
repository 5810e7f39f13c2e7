import { storage } from 'wxt/utils/storage';
import type { RepProfile, SignOutReason } from '#protocol';
import { tokenItem } from './session-token';

/**
 * Durable settings live in storage.local (they survive a browser restart, FEATURES A1); the session's
 * token does not, content scripts can read storage.local (utils/session-token.ts).
 */
export const DEFAULT_HUB_URL = 'http://127.0.0.1:8787';

export const hubUrlItem = storage.defineItem<string>('local:hubUrl', { fallback: DEFAULT_HUB_URL });
export const repItem = storage.defineItem<RepProfile | null>('local:repProfile', { fallback: null });

export type ConnectionState = 'signed-out' | 'connecting' | 'online' | 'offline';

/**
 * The live connection state belongs to this browser session only: after a restart the worker
 * reconnects and writes it again, so a stale "online" can never outlive the browser.
 */
export const connectionStateItem = storage.defineItem<ConnectionState>('session:connectionState', {
  fallback: 'signed-out',
});

/** Why the hub last ended this browser's session (FEATURES H1), shown until the next sign-in; null: the rep signed out. */
export const signOutReasonItem = storage.defineItem<SignOutReason | null>('local:signOutReason', { fallback: null });

export interface StoredSession {
  hubUrl: string;
  token: string;
  rep: RepProfile | null;
}

export async function readSession(): Promise<StoredSession | null> {
  const [hubUrl, token, rep] = await Promise.all([hubUrlItem.getValue(), tokenItem.getValue(), repItem.getValue()]);
  return token ? { hubUrl, token, rep } : null;
}

export async function writeSession(session: StoredSession): Promise<void> {
  await Promise.all([
    hubUrlItem.setValue(session.hubUrl),
    tokenItem.setValue(session.token),
    repItem.setValue(session.rep),
  ]);
}

/** Keeps the hub URL so the next sign-in form is pre-filled. */
export async function clearSession(): Promise<void> {
  await Promise.all([tokenItem.removeValue(), repItem.removeValue()]);
}

/** Alerts for a new pending chat (FEATURES B2): a sound and a browser notification, each on or off. */
export const soundsEnabledItem = storage.defineItem<boolean>('local:soundsEnabled', { fallback: true });
export const notificationsEnabledItem = storage.defineItem<boolean>('local:notificationsEnabled', { fallback: true });

/** Built-in alert sounds (public/sounds/, original work made by scripts/make-sounds.mjs) or the rep's own file. */
export const BUILT_IN_SOUNDS = ['chime', 'ping', 'bell'] as const;
export type SoundChoice = (typeof BUILT_IN_SOUNDS)[number] | 'custom';
export const soundChoiceItem = storage.defineItem<SoundChoice>('local:soundChoice', { fallback: 'chime' });
/** The rep's own sound as a data: URL, kept on this machine only (storage.local). */
export const customSoundItem = storage.defineItem<{ name: string; dataUrl: string } | null>('local:customSound', {
  fallback: null,
});
/** Largest custom sound accepted, so storage.local stays small. */
export const CUSTOM_SOUND_MAX_BYTES = 1_000_000;

/**
 * A conversation the side panel should show when it opens or is already open: set by a click on a
 * notification (or the page icon), consumed by the side panel.
 */
export const openRequestItem = storage.defineItem<{ conversationId: string; at: number } | null>(
  'session:openRequest',
  {
    fallback: null,
  },
);

/** A keyboard shortcut asked the side panel to move to the next (1) or previous (-1) conversation (FEATURES B5). */
export const navigateItem = storage.defineItem<{ direction: 1 | -1; at: number } | null>('session:navigate', {
  fallback: null,
});

/** Per-chat alert settings (FEATURES B6): a chat listed here overrides the global toggles; unlisted chats follow them. */
export interface ChatAlertSetting {
  sound: boolean;
  notification: boolean;
}
export const chatAlertsItem = storage.defineItem<Record<string, ChatAlertSetting>>('local:chatAlerts', {
  fallback: {},
});
