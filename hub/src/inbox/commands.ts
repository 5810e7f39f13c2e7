import type { BlockDuration, RepProfile, TransferTarget } from '#protocol';
import { recordChatEnded } from '../crm/chat-ended';
import { writeTx, type StoredEvent } from '../events/log';
import { removeConversation } from './remove';
import { recordTransfer } from '../analytics/facts';
import { offer } from '../routing/route';
import type { Db, Sql } from '../storage/db';
import { HubError } from './errors';
import type { ConversationSnapshot } from './folders';
import { newId } from '../storage/ids';
import type { TrustProxy } from '../net/client-ip';
import { blockKey, ipBlockRefusal, ipBlockUntil } from '../net/addresses';
import { logConversation } from './log-change';
import { JOINED } from './joined';
import { once } from './once';
import { authorize, rerouteForReps } from './rep';
import type { InboxCommand, Subject } from './rules';

/**
 * The inbox commands beyond take and reply (FEATURES C4–C7). Each runs once per client id, checks the
 * rules table for the sender, changes the conversation in one transaction and logs it.
 */
type Act = (tx: Sql, conv: ConversationSnapshot) => Promise<StoredEvent[]>;

export function run(
  db: Db,
  rep: RepProfile,
  name: InboxCommand,
  conversationId: string,
  clientId: string,
  act: Act,
  more: Pick<Subject, 'target'> = {},
): Promise<StoredEvent[]> {
  return writeTx(db, async (tx) => {
    let events: StoredEvent[] = [];
    await once(tx, `r:${rep.id}`, clientId, name, async () => {
      events = await act(tx, await authorize(tx, rep, conversationId, name, more));
      return { conversationId };
    });
    return events;
  });
}

export const updated = async (tx: Sql, conv: ConversationSnapshot) =>
  (await logConversation(tx, 'conversation.updated', conv.id, conv)).event;

/** Close (or archive) it; its owner has room again, so waiting conversations may now be offered. */
function close(status: 'closed' | 'archived', reason: 'ended' | 'blocked' | 'handled', now: number): Act {
  return async (tx, conv) => {
    await tx.query(
      `update conversations set status = $2, closed_reason = $3, closed_at = clock_timestamp(), offered_to = '{}', offer_expires_at = null where id = $1`,
      [conv.id, status, reason],
    );
    return [await updated(tx, conv), ...(await rerouteForReps(tx, [conv.ownerId], now))];
  };
}

export interface CommandArgs {
  rep: RepProfile;
  conversationId: string;
  clientId: string;
  now?: number;
}

/**
 * To a rep: an open conversation lands in their Active; a closed or archived one stays where it is,
 * in their folder of that name (rules.ts). To a queue: lands in its Pending and is routed there.
 * The sender keeps read-only access.
 */
export function transfer(db: Db, a: CommandArgs & { to: TransferTarget }): Promise<StoredEvent[]> {
  const now = a.now ?? Date.now();
  return run(
    db,
    a.rep,
    'transfer',
    a.conversationId,
    a.clientId,
    async (tx, conv) => {
      const readers =
        a.rep.role === 'rep' && !conv.readers.includes(a.rep.id) ? [...conv.readers, a.rep.id] : conv.readers;
      if (a.to.kind === 'rep') {
        const [target] = await tx.query<{ id: string }>(
          `select r.id from reps r join queue_members m on m.rep_id = r.id join queues q on q.id = m.queue_id where r.id = $1 and q.chat_id = $2 limit 1`,
          [a.to.repId, conv.chatId],
        );
        if (!target) throw new HubError('not_found', 'that rep does not work in this chat');
        if (target.id === conv.ownerId) throw new HubError('conflict', 'that rep already has this conversation');
        await tx.query(
          `update conversations set status = $4, owner_id = $2, previous_owner_id = owner_id, readers = $3, offered_to = '{}', offer_expires_at = null,
                tried = '{}', ${JOINED} where id = $1`,
          [
            conv.id,
            target.id,
            readers.filter((r) => r !== target.id),
            conv.status === 'closed' || conv.status === 'archived' ? conv.status : 'active',
          ],
        );
        await recordTransfer(tx, conv, a.rep.id, { repId: target.id });
        return [await updated(tx, conv), ...(await rerouteForReps(tx, [conv.ownerId, target.id], now))];
      }
      const [queue] = await tx.query<{ id: string }>('select id from queues where id = $1 and chat_id = $2', [
        a.to.queueId,
        conv.chatId,
      ]);
      if (!queue) throw new HubError('not_found', 'no such queue in this chat');
      await tx.query(
        `update conversations set status = 'pending', owner_id = null, previous_owner_id = coalesce(owner_id, previous_owner_id), queue_id = $2, readers = $3,
              offered_to = '{}', offer_expires_at = null, tried = '{}' where id = $1`,
        [conv.id, queue.id, readers],
      );
      await recordTransfer(tx, conv, a.rep.id, { queueId: queue.id });
      await offer(tx, conv.id, now, { log: false });
      return [await updated(tx, conv), ...(await rerouteForReps(tx, [conv.ownerId], now))];
    },
    { target: a.to.kind },
  );
}

/** FEATURES E9: a chat that ends leaves its transcript summary on the customer's record, in the same transaction. */
const withTranscript =
  (rep: RepProfile, now: number, act: Act): Act =>
  async (tx, conv) => {
    const events = await act(tx, conv);
    await recordChatEnded(tx, conv, rep, now);
    return events;
  };

/** Mark handled: closes and archives (FEATURES C5); a later message from the visitor starts afresh. */
export const markHandled = (db: Db, a: CommandArgs) =>
  run(
    db,
    a.rep,
    'markHandled',
    a.conversationId,
    a.clientId,
    withTranscript(a.rep, a.now ?? Date.now(), close('archived', 'handled', a.now ?? Date.now())),
  );

/** End the session: the visitor is told; the conversation goes to Closed and can be taken again. */
export const endSession = (db: Db, a: CommandArgs) =>
  run(
    db,
    a.rep,
    'endSession',
    a.conversationId,
    a.clientId,
    withTranscript(a.rep, a.now ?? Date.now(), close('closed', 'ended', a.now ?? Date.now())),
  );

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

/**
 * Block the visitor by id and, for an anonymous web visitor, by IP too, unless that address may not be
 * blocked (net/addresses.ts: then `ipRefused` says why); the conversation goes to Closed.
 * `trust`: the hub's proxies (PARLEY_TRUSTED_PROXIES), whose addresses are never blocked.
 */
export async function block(
  db: Db,
  a: CommandArgs & { duration: BlockDuration; trust?: TrustProxy },
): Promise<{ events: StoredEvent[]; ipRefused: string | null }> {
  const now = a.now ?? Date.now();
  let ipRefused: string | null = null;
  const events = await run(db, a.rep, 'block', a.conversationId, a.clientId, async (tx, conv) => {
    const until = a.duration.unit === 'permanent' ? null : new Date(now + a.duration.amount * UNIT_MS[a.duration.unit]);
    const [visitor] = await tx.query<{ ip: string | null; email: string | null }>(
      'select ip, email from visitors where id = $1',
      [conv.visitorId],
    );
    const ip = conv.channel === 'web' && !visitor?.email ? (visitor?.ip ?? null) : null;
    ipRefused = ip ? ipBlockRefusal(ip, a.trust ?? (() => false)) : null;
    const key = ip && !ipRefused ? blockKey(ip) : null;
    await tx.query(
      'insert into blocks (id, chat_id, visitor_id, ip, until, ip_until, ip_refused, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      [newId('r'), conv.chatId, conv.visitorId, key, until, key ? ipBlockUntil(now, until) : null, ipRefused, a.rep.id],
    );
    return close('closed', 'blocked', now)(tx, conv);
  });
  return { events, ipRefused };
}

export const archive = (db: Db, a: CommandArgs) =>
  run(db, a.rep, 'archive', a.conversationId, a.clientId, async (tx, conv) => {
    await tx.query(`update conversations set status = 'archived' where id = $1`, [conv.id]);
    return [await updated(tx, conv)];
  });

export const unarchive = (db: Db, a: CommandArgs) =>
  run(db, a.rep, 'unarchive', a.conversationId, a.clientId, async (tx, conv) => {
    await tx.query(`update conversations set status = 'closed' where id = $1`, [conv.id]);
    return [await updated(tx, conv)];
  });

/** Deleted for good (FEATURES C7, issue 14): see remove.ts, the one path every deletion takes. */
export const deleteConversation = (db: Db, a: CommandArgs) =>
  run(db, a.rep, 'delete', a.conversationId, a.clientId, async (tx, conv) => [
    await removeConversation(tx, conv, { now: a.now ?? Date.now(), actor: a.rep }),
  ]);
