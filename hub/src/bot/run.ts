import type { BotConfig, BotLang, Message } from '#protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import { newId } from '../storage/ids';
import { JOINED } from '../inbox/joined';
import { audienceOf, logConversation } from '../inbox/log-change';
import { loadConversation, preview, toMessage, type MessageRow } from '../inbox/rows';
import { offer } from '../routing/route';
import type { Sql } from '../storage/db';
import { createBotLead } from './follow-up';
import { choicesFor, isRunning, step, type BotAction, type BotChoice, type BotInput } from './machine';
import { insertBotRun, loadBotConfig, loadBotRun, updateBotRun } from './store';

/**
 * The bot inside the hub's transactions: decides whether a new conversation gets it, stores its
 * state per conversation, and carries out what the machine (machine.ts) asks for. Every change is
 * made in the caller's transaction and appended to the event log, like any other inbox change.
 */

export interface BotContext {
  conversationId: string;
  chatId: string;
  visitorId: string;
  now: number;
}

/**
 * FEATURES F1/F4: only for a conversation being opened (never an ongoing or reopened one), from an
 * anonymous web visitor (no email given), in a chat whose bot is on. Returns the settings, or null.
 */
export async function botForNewConversation(tx: Sql, chatId: string, visitorId: string): Promise<BotConfig | null> {
  const [visitor] = await tx.query<{ email: string | null }>('select email from visitors where id = $1', [visitorId]);
  if (!visitor || visitor.email !== null) return null;
  const config = await loadBotConfig(tx, chatId);
  return config.enabled ? config : null;
}

/** Starts the bot on a conversation just opened (held: no queue, no offer) and says its first line. */
export async function startBot(tx: Sql, c: BotContext, config: BotConfig, lang: BotLang): Promise<StoredEvent[]> {
  const next = step(config, lang, null, { kind: 'start' });
  await insertBotRun(tx, { conversationId: c.conversationId, chatId: c.chatId, lang, state: next.state });
  return apply(tx, c, config, lang, next.actions);
}

/** Feeds what the visitor did to a running bot; nothing happens when the conversation has none (or it finished). */
export async function advanceBot(tx: Sql, c: BotContext, input: BotInput): Promise<StoredEvent[]> {
  const run = await loadBotRun(tx, c.conversationId, true);
  if (!run || !isRunning(run.state)) return [];
  const config = await loadBotConfig(tx, c.chatId);
  const next = step(config, run.lang, run.state, input);
  await updateBotRun(tx, c.conversationId, next.state);
  return apply(tx, c, config, run.lang, next.actions);
}

/** The buttons to show the visitor now, labelled in their language; [] when no bot is running. */
export async function botChoices(
  db: Sql,
  conversationId: string | null,
): Promise<Array<{ id: BotChoice; label: string }>> {
  if (!conversationId) return [];
  const run = await loadBotRun(db, conversationId);
  if (!run || !isRunning(run.state)) return [];
  const config = await loadBotConfig(db, run.chatId);
  return choicesFor(run.state).map((id) => ({ id, label: config.wording[id][run.lang] }));
}

/** The visitor's open conversation with a running bot, if any (for a button press). */
export async function runningBotConversation(
  db: Sql,
  chatId: string,
  visitorId: string,
): Promise<{ id: string; lang: BotLang; offered: BotChoice[]; label: (c: BotChoice) => string } | null> {
  const [row] = await db.query<{ id: string; lang: BotLang; state: Parameters<typeof isRunning>[0] }>(
    `select c.id, b.lang, b.state from conversations c join bot_runs b on b.conversation_id = c.id
      where c.visitor_id = $1 and c.chat_id = $2 and c.status in ('pending', 'active') order by c.created_at desc limit 1 for no key update of c`,
    [visitorId, chatId],
  );
  if (!row || !isRunning(row.state)) return null;
  const config = await loadBotConfig(db, chatId);
  return {
    id: row.id,
    lang: row.lang,
    offered: choicesFor(row.state),
    label: (choice) => config.wording[choice][row.lang],
  };
}

async function apply(
  tx: Sql,
  c: BotContext,
  config: BotConfig,
  lang: BotLang,
  actions: BotAction[],
): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (const a of actions) {
    switch (a.kind) {
      case 'say':
        events.push(await say(tx, c, config.wording.botName[lang], a.text));
        break;
      case 'identify':
        // Typed to the bot: a claim like any typed email (issue 14), never over one the shop verified.
        await tx.query('update visitors set email = case when email_verified then email else $2 end where id = $1', [
          c.visitorId,
          a.email,
        ]);
        events.push((await logConversation(tx, 'conversation.updated', c.conversationId, null)).event);
        break;
      case 'route':
        events.push(...(await route(tx, c, a.to)));
        break;
      case 'close':
        await tx.query(
          `update conversations set status = 'closed', closed_reason = 'ended', closed_at = clock_timestamp() where id = $1`,
          [c.conversationId],
        );
        events.push((await logConversation(tx, 'conversation.updated', c.conversationId, null)).event);
        break;
      case 'tag':
        await tx.query(
          'update conversations set tags = array(select distinct t from unnest(tags || $2::text[]) t order by t) where id = $1',
          [c.conversationId, a.tags],
        );
        events.push((await logConversation(tx, 'conversation.updated', c.conversationId, null)).event);
        break;
      case 'createLead': {
        const lead = await createBotLead(
          tx,
          {
            conversationId: c.conversationId,
            chatId: c.chatId,
            email: a.email,
            name: a.name,
            phone: a.phone,
            answers: a.answers,
            assign: a.assign,
          },
          config,
          lang,
          c.now,
        );
        await tx.query('update bot_runs set answers = $2, lead_id = $3 where conversation_id = $1', [
          c.conversationId,
          JSON.stringify(a.answers),
          lead.contactId,
        ]);
        events.push(...lead.events);
        break;
      }
    }
  }
  return events;
}

/** A bot line in the conversation: a system message under the bot's name, seen by visitor and reps. */
async function say(tx: Sql, c: BotContext, botName: string, text: string): Promise<StoredEvent> {
  const [row] = await tx.query<MessageRow>(
    `insert into messages (id, conversation_id, sender_key, client_id, author, author_name, text, created_at)
     values ($1, $2, $3, null, 'system', $4, $5, clock_timestamp()) returning *`,
    [newId('m'), c.conversationId, `b:${c.conversationId}`, botName, text],
  );
  await tx.query('update conversations set last_message_at = $2, last_message_preview = $3 where id = $1', [
    c.conversationId,
    row.created_at,
    preview(text),
  ]);
  const message: Message = toMessage(row);
  const current = (await loadConversation(tx, c.conversationId))!;
  return appendEvent(
    tx,
    { kind: 'message.created', chatId: c.chatId, message },
    { conversationId: c.conversationId, visitorId: c.visitorId, audience: audienceOf(current) },
  );
}

/** Hands the held conversation to routing: a queue (offered by its strategy) or one rep (their Active, as a transfer does). */
async function route(tx: Sql, c: BotContext, to: Extract<BotAction, { kind: 'route' }>['to']): Promise<StoredEvent[]> {
  if (to.kind === 'rep') {
    const [rep] = await tx.query<{ id: string }>(
      `select r.id from reps r join queue_members m on m.rep_id = r.id join queues q on q.id = m.queue_id where r.id = $1 and q.chat_id = $2 limit 1`,
      [to.repId, c.chatId],
    );
    if (rep) {
      await tx.query(
        `update conversations set status = 'active', owner_id = $2, offered_to = '{}', offer_expires_at = null, tried = '{}',
                ${JOINED} where id = $1`,
        [c.conversationId, rep.id],
      );
      return [(await logConversation(tx, 'conversation.updated', c.conversationId, null)).event];
    }
    // The rep was removed from the chat since the settings were saved: the default queue instead.
  }
  // The configured queue if it is still in this chat, otherwise the chat's default (first) queue.
  const [chosen] =
    to.kind === 'queue'
      ? await tx.query<{ id: string }>('select id from queues where id = $1 and chat_id = $2', [to.queueId, c.chatId])
      : [];
  const fallback =
    chosen ??
    (await tx.query<{ id: string }>('select id from queues where chat_id = $1 order by id limit 1', [c.chatId]))[0];
  await tx.query('update conversations set queue_id = $2 where id = $1', [c.conversationId, fallback?.id ?? null]);
  const offered = await offer(tx, c.conversationId, c.now);
  return [offered ?? (await logConversation(tx, 'conversation.updated', c.conversationId, null)).event];
}
