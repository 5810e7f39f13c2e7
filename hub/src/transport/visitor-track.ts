import { CRM_LIMITS, type VisitorClientFrame } from '#protocol';
import { recordTrack } from '../crm/tracking';
import { writeTx } from '../events/log';
import { announceContactChanges } from '../ingest/contact-changes';
import { chatFileSettings } from '../files/records';
import { RateLimited } from '../inbox/errors';
import type { HubContext } from './context';

type TrackFrame = Extract<VisitorClientFrame, { type: 'track' }>;

/**
 * One visitor socket's page views and cart changes (FEATURES G1 page tracking): at most
 * CRM_LIMITS.trackPerMinute a minute on the hub's clock (by which the card dates them), then stored
 * for the card, never acknowledged.
 */
export function createVisitorTracker(ctx: Pick<HubContext, 'db' | 'now' | 'committed'>) {
  let tracked = { minute: 0, count: 0 };
  return async function track(visitor: { id: string; chatId: string }, f: TrackFrame): Promise<void> {
    const minute = Math.floor(ctx.now() / 60_000);
    tracked = tracked.minute === minute ? { minute, count: tracked.count + 1 } : { minute, count: 1 };
    if (tracked.count > CRM_LIMITS.trackPerMinute)
      throw new RateLimited(
        `too many tracking frames: at most ${CRM_LIMITS.trackPerMinute} a minute`,
        CRM_LIMITS.trackPerMinute,
        (minute + 1) * 60_000 - ctx.now(),
      );
    // Read each time: a chat that stops keeping query strings stops at once, not at the next hello.
    const { trackQuery } = await chatFileSettings(ctx.db, visitor.chatId);
    if (f.event !== 'checkout') return recordTrack(ctx.db, visitor.id, f, ctx.now(), trackQuery);
    // A checkout may record a purchase (ingest/page-checkout.ts): reps viewing the buyer's card see it live.
    const announced = await writeTx(ctx.db, async (tx) => {
      await recordTrack(tx, visitor.id, f, ctx.now(), trackQuery);
      return announceContactChanges(tx);
    });
    if (announced) ctx.committed();
  };
}
