import { BotConfig, type BotLang } from '#protocol';
import type { Sql } from '../storage/db';
import { defaultBotConfig } from './defaults';
import type { BotState } from './machine';

/** Where the bot's settings (per chat) and its runs (per conversation) are kept. */

export async function loadBotConfig(db: Sql, chatId: string): Promise<BotConfig> {
  const [row] = await db.query<{ config: unknown }>('select config from bot_configs where chat_id = $1', [chatId]);
  if (!row) return defaultBotConfig();
  // Stored configs were validated on the way in; a row that no longer parses (an older shape) is
  // treated as "off" rather than crashing a visitor's message.
  const parsed = BotConfig.safeParse(row.config);
  return parsed.success ? parsed.data : { ...defaultBotConfig(), enabled: false };
}

export async function saveBotConfig(db: Sql, chatId: string, config: BotConfig, repId: string): Promise<void> {
  await db.query(
    `insert into bot_configs (chat_id, config, updated_by) values ($1, $2, $3)
     on conflict (chat_id) do update set config = $2, updated_by = $3, updated_at = now()`,
    [chatId, JSON.stringify(config), repId],
  );
}

export interface BotRun {
  conversationId: string;
  chatId: string;
  lang: BotLang;
  state: BotState;
}

type RunRow = { conversation_id: string; chat_id: string; lang: BotLang; state: BotState };
const toRun = (r: RunRow): BotRun => ({
  conversationId: r.conversation_id,
  chatId: r.chat_id,
  lang: r.lang,
  state: r.state,
});

/** The conversation's run, locked for the caller's transaction when `lock` is set. */
export async function loadBotRun(db: Sql, conversationId: string, lock = false): Promise<BotRun | null> {
  const [row] = await db.query<RunRow>(
    `select conversation_id, chat_id, lang, state from bot_runs where conversation_id = $1${lock ? ' for update' : ''}`,
    [conversationId],
  );
  return row ? toRun(row) : null;
}

export async function insertBotRun(db: Sql, run: BotRun): Promise<void> {
  await db.query('insert into bot_runs (conversation_id, chat_id, lang, state) values ($1, $2, $3, $4)', [
    run.conversationId,
    run.chatId,
    run.lang,
    JSON.stringify(run.state),
  ]);
}

export async function updateBotRun(db: Sql, conversationId: string, state: BotState): Promise<void> {
  await db.query('update bot_runs set state = $2, updated_at = now() where conversation_id = $1', [
    conversationId,
    JSON.stringify(state),
  ]);
}
