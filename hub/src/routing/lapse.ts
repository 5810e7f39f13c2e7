import type { RepProfile } from '#protocol';
import { recordLapsed } from '../analytics/facts';
import { toProfile, type RepRow } from '../auth/sessions';
import { writeTx, type StoredEvent } from '../events/log';
import { recordStatus } from '../inbox/rep';
import type { Db } from '../storage/db';
import { offer } from './route';

/** A rep who lets this many offers in a row lapse is set away (FEATURES A5): they are not at their desk. */
export const MISSED_OFFERS_AWAY = 2;

/**
 * Moves every offer whose deadline has passed to the next reps. Claimed through the database (rows
 * locked, skip locked), so with several hub instances each lapse is handled exactly once.
 */
export async function lapseDueOffers(db: Db, now: number): Promise<StoredEvent[]> {
  // Cheap look first: most seconds nothing is due, and the write lock is not worth taking.
  const [any] = await db.query(
    `select 1 from conversations where status = 'pending' and offer_expires_at <= $1 limit 1`,
    [new Date(now)],
  );
  if (!any) return [];
  return writeTx(db, async (tx) => {
    const due = await tx.query<{ id: string; offered_to: string[] }>(
      `select id, offered_to from conversations where status = 'pending' and offer_expires_at <= $1
        order by offer_expires_at limit 50 for update skip locked`,
      [new Date(now)],
    );
    const events: StoredEvent[] = [];
    for (const conv of due) {
      await tx.query(
        `update conversations set tried = array(select distinct unnest(tried || offered_to)), offer_expires_at = null where id = $1`,
        [conv.id],
      );
      await recordLapsed(tx, conv.id, conv.offered_to);
      const missed = await tx.query<RepRow & { missed_offers: number }>(
        `update reps set missed_offers = missed_offers + 1 where id = any($1) returning *`,
        [conv.offered_to],
      );
      for (const rep of missed) {
        if (rep.missed_offers >= MISSED_OFFERS_AWAY && rep.status === 'online')
          events.push(...(await recordStatus(tx, toProfile(rep) as RepProfile, 'away', now)));
      }
      const moved = await offer(tx, conv.id, now);
      if (moved) events.push(moved);
    }
    return events;
  });
}
