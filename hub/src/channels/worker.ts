import { CHANNEL_LIMITS } from '#protocol';
import type { StoredEvent } from '../events/log';
import type { Log } from '../log';
import { watchOutbox } from '../metrics/metrics';
import { receiveMessage, type InboundDeps } from './inbound';
import type { StoredItem } from './items';
import { sendDue, type SendDeps } from './send';
import { dueBy } from './settings';
import { applyStatus } from './status';

/**
 * The channels' worker (FEATURES G2): processes what webhooks stored (channel_inbound) and sends what
 * reps replied (channel_outbox), both from the database, so a failure is retried there and a restart
 * loses nothing. `kick()` runs a pass now (after a webhook or a reply was stored; the hub's
 * one-second timer kicks too); passes never overlap, and a kick during one runs another after it.
 * The outbox's depth (replies not yet sent or given up) is the `channels` outbox metric (issue 16).
 */

export type WorkerDeps = InboundDeps & SendDeps & { log: Log; committed: () => void };

/** Pass size: stored items processed per pass (the next pass takes the rest). */
const ITEMS_PER_PASS = 100;
/** Wait before retrying a stored item: doubles per attempt from 1 s, at most 5 minutes. */
const retryDelayMs = (attempts: number) => Math.min(1000 * 2 ** attempts, 300_000);

async function processInbound(deps: WorkerDeps): Promise<StoredEvent[]> {
  const { db } = deps;
  const now = dueBy(deps.now());
  const items = await db.query<StoredItem>(
    `select id, chat_id, provider, kind, payload, attempts from channel_inbound
      where processed_at is null and next_attempt_at <= $1 order by received_at, id limit $2`,
    [now, ITEMS_PER_PASS],
  );
  const events: StoredEvent[] = [];
  for (const item of items) {
    try {
      const p = item.payload;
      events.push(
        ...(p.kind === 'message'
          ? await receiveMessage(deps, item.chat_id, item.provider, p)
          : await applyStatus(db, item.chat_id, item.provider, p)),
      );
      await db.query(
        'update channel_inbound set processed_at = $2, attempts = attempts + 1, last_error = null where id = $1',
        [item.id, now],
      );
    } catch (err) {
      const attempts = item.attempts + 1;
      const giveUp = attempts >= CHANNEL_LIMITS.inboundAttempts;
      deps.log.warn(
        { item: item.id, attempts, err: (err as Error).message },
        giveUp ? 'channel item given up' : 'channel item failed; will retry',
      );
      await db.query(
        `update channel_inbound set attempts = $2, last_error = $3, next_attempt_at = $4, processed_at = $5 where id = $1`,
        [
          item.id,
          attempts,
          (err as Error).message,
          new Date(now.getTime() + retryDelayMs(attempts)),
          giveUp ? now : null,
        ],
      );
    }
  }
  return events;
}

export interface ChannelWorker {
  kick(): void;
  /** Resolves once no pass is running (tests; a stopping hub). */
  idle(): Promise<void>;
  /** No pass starts after this; resolves when the running one is done. */
  stop(): Promise<void>;
}

export function createChannelWorker(deps: WorkerDeps): ChannelWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const unwatch = watchOutbox('channels', async () => {
    const [row] = await deps.db.query<{ n: string | number }>(
      'select count(*) as n from channel_outbox where not done',
    );
    return Number(row.n);
  });
  const pass = async () => {
    const events = [...(await processInbound(deps)), ...(await sendDue(deps))];
    if (events.length > 0) deps.committed();
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((err) => deps.log.error({ err }, 'channel worker pass failed'));
      } while (again && !stopped);
    })().finally(() => (running = null));
  };
  return {
    kick,
    idle: async () => {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      unwatch();
      while (running) await running;
    },
  };
}
