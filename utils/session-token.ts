import Dexie, { type EntityTable } from 'dexie';
import { storage } from 'wxt/utils/storage';

/**
 * The rep's session token (issue 14, FEATURES I4): kept in the extension's own IndexedDB, which only
 * Parley's worker and pages can open. storage.local, where it used to be, is readable by content
 * scripts, and a content script runs inside a web page that may be hostile.
 */

interface SecretRow {
  key: string;
  value: string;
}

type SessionDb = Dexie & { secrets: EntityTable<SecretRow, 'key'> };

/** Apart from the inbox's database: clearing or upgrading the inbox never touches the session. */
export const SESSION_DB_NAME = 'parley-session';
export const SESSION_TOKEN_KEY = 'token';

const sessionDb = new Dexie(SESSION_DB_NAME) as SessionDb;
sessionDb.version(1).stores({ secrets: 'key' });

/** Where the token was kept before issue 14; read only to move what a signed-in rep still has there. */
const legacyTokenItem = storage.defineItem<string | null>('local:sessionToken', { fallback: null });

/** A rep signed in before the upgrade stays signed in: their token moves here and leaves storage.local. */
export async function migrateLegacyToken(): Promise<void> {
  const legacy = await legacyTokenItem.getValue();
  if (!legacy) return;
  await sessionDb.secrets.put({ key: SESSION_TOKEN_KEY, value: legacy });
  await legacyTokenItem.removeValue();
}

/** The token with the get/set/remove shape of the storage items beside it (utils/settings.ts). */
export const tokenItem = {
  /** Moves a legacy token first, so whichever context reads first after the upgrade finds it. */
  async getValue(): Promise<string | null> {
    await migrateLegacyToken();
    return (await sessionDb.secrets.get(SESSION_TOKEN_KEY))?.value ?? null;
  },
  async setValue(token: string): Promise<void> {
    await sessionDb.secrets.put({ key: SESSION_TOKEN_KEY, value: token });
    await legacyTokenItem.removeValue();
  },
  async removeValue(): Promise<void> {
    await sessionDb.secrets.delete(SESSION_TOKEN_KEY);
    await legacyTokenItem.removeValue();
  },
};
