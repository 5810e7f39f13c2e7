import * as z from 'zod';
import { Channel, Id, TimeZone, Timestamp } from './model';

/**
 * Analytics (FEATURES H4): what a supervisor asks for (a range of days in a time zone, optional chat,
 * queue, channel and rep) and what the hub answers. Every figure is defined in docs/ANALYTICS.md
 * ("Analytics: what each figure means") and computed by `hub/src/analytics/`.
 */

/** Every limit on analytics; the hub enforces each and quotes it in its refusal. */
export const ANALYTICS_LIMITS = {
  /** Days in one range: a year, a leap year's too. */
  maxRangeDays: 366,
  /** Rows read from the database per page while a CSV streams: memory stays flat however long the list. */
  csvPage: 1000,
  /** At most this often a supervisor's live queue view is sent again while events keep coming. */
  liveEveryMs: 1000,
  /** An offer whose deadline is this close counts as lapsing in the live view. */
  lapsingWithinMs: 15_000,
} as const satisfies Record<string, number>;

/** A calendar day, `YYYY-MM-DD`, in the query's time zone. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

const filters = {
  /** First and last day, both included, in `tz`. */
  from: LocalDate,
  to: LocalDate,
  tz: TimeZone,
  chatId: Id.optional(),
  queueId: Id.optional(),
  channel: Channel.optional(),
  /** One rep's part only. A rep asking gets their own figures whatever they ask for (other reps: refused). */
  repId: Id.optional(),
};

const checkRange = <T extends { from: string; to: string }>(q: T, ctx: z.RefinementCtx) => {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
  else if (daysIn(q.from, q.to) > ANALYTICS_LIMITS.maxRangeDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range is longer than ${ANALYTICS_LIMITS.maxRangeDays} days`,
    });
  }
};

export const AnalyticsQuery = z.object(filters).superRefine(checkRange);
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** The conversations behind one figure (their CSV): every one of them, or those of one class or happening. */
export const ConversationFigure = z.enum([
  'all',
  'answered',
  'missed',
  'abandoned',
  'unanswered',
  'transferred',
  'offerLapsed',
  'lead',
  'bot',
]);
export type ConversationFigure = z.infer<typeof ConversationFigure>;

export const ConversationListQuery = z
  .object({
    ...filters,
    figure: ConversationFigure.default('all'),
    /** Only those opened on this day (a bar of the trend). */ day: LocalDate.optional(),
  })
  .superRefine(checkRange);
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

/** The tables of a report, each downloadable as CSV with the same filters. */
export const AnalyticsTable = z.enum(['days', 'week', 'reps', 'chats', 'queues', 'channels']);
export type AnalyticsTable = z.infer<typeof AnalyticsTable>;

/** A time over a set of conversations, in whole seconds (each conversation's time cut to the second); null when the set is empty. */
export const Spread = z.object({ median: z.number().nullable(), p90: z.number().nullable() });
export type Spread = z.infer<typeof Spread>;

const count = z.number().int().nonnegative();

/** How the routing bot's runs ended (FEATURES F), over the conversations it started on. */
export const BotFigures = z.object({
  started: count,
  customerRouted: count,
  pointedElsewhere: count,
  qualified: count,
  leadCreated: count,
  askedForPerson: count,
  unfinished: count,
});
export type BotFigures = z.infer<typeof BotFigures>;

/** The figures of a set of conversations (the whole range, one day, one chat, queue or channel). */
export const Figures = z.object({
  conversations: count,
  answered: count,
  missed: count,
  abandoned: count,
  unanswered: count,
  firstResponse: Spread,
  handled: count,
  handling: Spread,
  transfers: count,
  offersLapsed: count,
  leads: count,
  bot: BotFigures,
});
export type Figures = z.infer<typeof Figures>;

/** One rep's part in the range (what each means differs: docs/ANALYTICS.md). */
export const RepFigures = Figures.pick({
  answered: true,
  firstResponse: true,
  handled: true,
  handling: true,
  transfers: true,
  offersLapsed: true,
  leads: true,
}).extend({
  repId: Id,
  name: z.string(),
});
export type RepFigures = z.infer<typeof RepFigures>;

/** Conversations opened in one hour of the week: `dow` 1 = Monday … 7 = Sunday, `hour` 0–23, local time. */
export const WeekHour = z.object({
  dow: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  conversations: count,
});
export type WeekHour = z.infer<typeof WeekHour>;

export const GroupFigures = Figures.extend({ id: z.string(), name: z.string() });
export type GroupFigures = z.infer<typeof GroupFigures>;

export const AnalyticsReport = z.object({
  totals: Figures,
  /** Every day of the range, oldest first, days without conversations included. */
  days: z.array(Figures.extend({ day: LocalDate })),
  /** All 168 hours of the week, Monday 0:00 first. */
  week: z.array(WeekHour),
  reps: z.array(RepFigures),
  chats: z.array(GroupFigures),
  queues: z.array(GroupFigures),
  channels: z.array(GroupFigures),
});
export type AnalyticsReport = z.infer<typeof AnalyticsReport>;

/** The live state of one queue for supervisors (FEATURES H4): waiting now, reps, offers about to lapse. */
export const QueueLive = z.object({
  queueId: Id,
  queueName: z.string(),
  chatId: Id,
  chatName: z.string(),
  waiting: count,
  /** When the longest-waiting conversation was opened; null when none waits. */
  oldestWaitingSince: Timestamp.nullable(),
  online: count,
  away: count,
  /** Online reps with as many active conversations as their capacity in this queue. */
  atCapacity: count,
  /** Offers out with a deadline within `lapsingWithinMs`. */
  lapsing: count,
  /** Offers that lapsed in the last hour. */
  lapsedLastHour: count,
});
export type QueueLive = z.infer<typeof QueueLive>;

/** hub → supervisor or super user: every queue of every chat, after `welcome` and whenever it changes. */
export const QueueLiveFrame = z.object({ type: z.literal('queueLive'), at: Timestamp, queues: z.array(QueueLive) });
export type QueueLiveFrame = z.infer<typeof QueueLiveFrame>;
