import { backOff } from 'exponential-backoff';
import type { ChannelProvider } from '#protocol';
import { writeTx, type StoredEvent } from '../events/log';
import type { Log } from '../log';
import type { Db } from '../storage/db';
import { loadConnection, type Connection } from './connections';
import { logMessageUpdated } from './message-events';
import { PROVIDER_APIS } from './senders';
import { ProviderError } from './senders/http';
import type { OutboundRequest } from './senders/types';
import { dueBy, webhookPath, type ChannelSettings } from './settings';
import { advanceDelivery } from './status';

/**
 * The outbox worker's pass (FEATURES G2): for each conversation with replies waiting, its oldest one,
 * then the next, strictly in order. A send is claimed with a lease first (another hub process on the
 * same database leaves it alone), tried with exponential back-off on 5xx and timeouts, and otherwise:
 * sent (the provider's id kept, status `sent`), refused by the provider (4xx: `not_sent` with its
 * reason, never retried), or still failing (back in the outbox, tried again after the longest delay).
 */

interface OutboxRow {
  message_id: string;
  conversation_id: string;
  chat_id: string;
  provider: ChannelProvider;
  request: OutboundRequest;
  attempts: number;
}

export interface SendDeps {
  db: Db;
  settings: ChannelSettings;
  now: () => number;
  log: Log;
  publicUrl: () => string;
}

/** How long a claimed send is left alone by other workers: longer than one pass's attempts at it can take. */
const leaseMs = (s: ChannelSettings) => s.retry.attempts * (s.retry.maxDelayMs + 10_000);

async function claimHead(deps: SendDeps, conversationId: string): Promise<OutboxRow | null> {
  const now = dueBy(deps.now());
  const [row] = await deps.db.query<OutboxRow>(
    `update channel_outbox set next_attempt_at = $3
      where message_id = (select message_id from channel_outbox where conversation_id = $1 and not done order by seq limit 1)
        and next_attempt_at <= $2 returning *`,
    [conversationId, now, new Date(now.getTime() + leaseMs(deps.settings))],
  );
  return row ?? null;
}

async function settle(deps: SendDeps, row: OutboxRow, outcome: { id: string } | ProviderError): Promise<StoredEvent[]> {
  return writeTx(deps.db, async (tx) => {
    await tx.query(
      'update channel_outbox set done = true, attempts = attempts + 1, last_error = $2 where message_id = $1',
      [row.message_id, outcome instanceof ProviderError ? outcome.message : null],
    );
    const updated =
      outcome instanceof ProviderError
        ? await advanceDelivery(tx, row.message_id, 'not_sent', { code: outcome.code, text: outcome.message })
        : await advanceDelivery(tx, row.message_id, 'sent', undefined, outcome.id);
    if (!updated && !(outcome instanceof ProviderError))
      await tx.query('update messages set provider_message_id = $2 where id = $1', [row.message_id, outcome.id]);
    return updated ? [await logMessageUpdated(tx, updated)] : [];
  });
}

async function sendOne(deps: SendDeps, conn: Connection, row: OutboxRow): Promise<string> {
  const api = PROVIDER_APIS[row.provider] as (typeof PROVIDER_APIS)['sms'];
  const request =
    row.provider === 'sms'
      ? { ...row.request, statusCallback: `${deps.publicUrl()}${webhookPath('sms', row.chat_id)}` }
      : row.request;
  const { retry } = deps.settings;
  return backOff(() => api.send(deps.settings, conn as Connection<'sms'>, request), {
    numOfAttempts: retry.attempts,
    startingDelay: retry.firstDelayMs,
    maxDelay: retry.maxDelayMs,
    timeMultiple: 2,
    jitter: 'full',
    retry: (err) => err instanceof ProviderError && err.transient,
  });
}

/** Sends a conversation's waiting replies in order until one cannot go yet; the events of what changed. */
async function drainConversation(deps: SendDeps, conversationId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let row = await claimHead(deps, conversationId); row; row = await claimHead(deps, conversationId)) {
    const conn = await loadConnection(deps.db, deps.settings.secretKey, row.chat_id, row.provider);
    if (!conn) {
      events.push(
        ...(await settle(
          deps,
          row,
          new ProviderError('the chat is no longer connected to this channel', false, 'disconnected'),
        )),
      );
      continue;
    }
    try {
      events.push(...(await settle(deps, row, { id: await sendOne(deps, conn, row) })));
    } catch (err) {
      if (err instanceof ProviderError && !err.transient) {
        events.push(...(await settle(deps, row, err)));
        continue;
      }
      // Still failing: it stays at the head of its conversation's line, tried again later.
      deps.log.warn({ conversationId, err: (err as Error).message }, 'channel reply not sent yet; will retry');
      await deps.db.query(
        'update channel_outbox set attempts = attempts + 1, last_error = $2, next_attempt_at = $3 where message_id = $1',
        [row.message_id, (err as Error).message, new Date(deps.now() + deps.settings.retry.maxDelayMs)],
      );
      break;
    }
  }
  return events;
}

/** One pass over every conversation with a reply due; conversations go side by side, each in its own order. */
export async function sendDue(deps: SendDeps): Promise<StoredEvent[]> {
  const due = await deps.db.query<{ conversation_id: string }>(
    `select distinct conversation_id from channel_outbox where not done and next_attempt_at <= $1`,
    [dueBy(deps.now())],
  );
  const results = await Promise.all(due.map((d) => drainConversation(deps, d.conversation_id)));
  return results.flat();
}
