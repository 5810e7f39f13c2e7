import { CONNECTION_INPUT, CONNECTION_SECRETS, type ChannelConnectionView, type ChannelProvider } from '#protocol';
import type { z } from 'zod';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import { open, seal } from './crypto';
import { webhookPath } from './settings';

/**
 * A chat's channel connections (FEATURES G2, G3, G4): saved by super users, plain settings as JSON and
 * secrets sealed (crypto.ts). A view never carries a secret, only `{ set: true }` for each stored one.
 * `load` opens them for the hub's own use (webhook checks, sending).
 */

export type ConnectionInput<P extends ChannelProvider> = z.infer<(typeof CONNECTION_INPUT)[P]>;
type SecretName = (typeof CONNECTION_SECRETS)[ChannelProvider][number];

/** A connection opened for use: settings and secrets in one object, as the input names them. */
export type Connection<P extends ChannelProvider = ChannelProvider> = {
  chatId: string;
  provider: P;
} & Required<ConnectionInput<P>>;

type Row = {
  chat_id: string;
  provider: ChannelProvider;
  settings: Record<string, unknown>;
  sealed_secrets: string;
  updated_at: Date;
};

const context = (chatId: string, provider: ChannelProvider) => `${chatId}/${provider}`;

function split(provider: ChannelProvider, input: Record<string, unknown>) {
  const names: readonly string[] = CONNECTION_SECRETS[provider];
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (names.includes(k)) {
      if (typeof v === 'string') secrets[k] = v;
    } else settings[k] = v;
  }
  return { settings, secrets };
}

function toView(row: Row, secretNames: string[], publicUrl: string): ChannelConnectionView {
  return {
    chatId: row.chat_id,
    provider: row.provider,
    settings: row.settings,
    secrets: Object.fromEntries(secretNames.map((n) => [n, { set: true as const }])),
    webhookUrl: `${publicUrl}${webhookPath(row.provider, row.chat_id)}`,
    updatedAt: row.updated_at.toISOString(),
  };
}

async function readRow(db: Sql, chatId: string, provider: ChannelProvider): Promise<Row | null> {
  const [row] = await db.query<Row>('select * from channel_connections where chat_id = $1 and provider = $2', [
    chatId,
    provider,
  ]);
  return row ?? null;
}

/** Saves a connection: a secret left out keeps the stored one; a new connection needs every secret. */
export async function saveConnection(
  tx: Sql,
  key: Buffer | null,
  chatId: string,
  provider: ChannelProvider,
  input: Record<string, unknown>,
  publicUrl: string,
): Promise<ChannelConnectionView> {
  const [chat] = await tx.query('select id from chats where id = $1 for no key update', [chatId]);
  if (!chat) throw new HubError('not_found', 'no such chat');
  const { settings, secrets } = split(provider, input);
  const before = await readRow(tx, chatId, provider);
  const kept = before
    ? (JSON.parse(open(key, before.sealed_secrets, context(chatId, provider))) as Record<string, string>)
    : {};
  const merged = { ...kept, ...secrets };
  const missing = CONNECTION_SECRETS[provider].filter((n) => !merged[n]);
  if (missing.length > 0) throw new HubError('bad_frame', `${missing.join(', ')}: required for a new connection`);
  const sealed = seal(key, JSON.stringify(merged), context(chatId, provider));
  const [row] = await tx.query<Row>(
    `insert into channel_connections (chat_id, provider, settings, sealed_secrets) values ($1, $2, $3, $4)
     on conflict (chat_id, provider) do update set settings = $3, sealed_secrets = $4, updated_at = now() returning *`,
    [chatId, provider, JSON.stringify(settings), sealed],
  );
  return toView(row, Object.keys(merged), publicUrl);
}

export async function listConnections(db: Sql, chatId: string, publicUrl: string): Promise<ChannelConnectionView[]> {
  const [chat] = await db.query('select id from chats where id = $1', [chatId]);
  if (!chat) throw new HubError('not_found', 'no such chat');
  const rows = await db.query<Row>('select * from channel_connections where chat_id = $1 order by provider', [chatId]);
  return rows.map((r) => toView(r, [...CONNECTION_SECRETS[r.provider]], publicUrl));
}

export async function deleteConnection(db: Sql, chatId: string, provider: ChannelProvider): Promise<boolean> {
  const gone = await db.query(
    'delete from channel_connections where chat_id = $1 and provider = $2 returning chat_id',
    [chatId, provider],
  );
  return gone.length > 0;
}

/** The connection with its secrets open, for the hub's own use; null when the chat has none for this provider. */
export async function loadConnection<P extends ChannelProvider>(
  db: Sql,
  key: Buffer | null,
  chatId: string,
  provider: P,
): Promise<Connection<P> | null> {
  const row = await readRow(db, chatId, provider);
  if (!row) return null;
  const secrets = JSON.parse(open(key, row.sealed_secrets, context(chatId, provider))) as Record<SecretName, string>;
  return { ...row.settings, ...secrets, chatId, provider } as unknown as Connection<P>;
}
