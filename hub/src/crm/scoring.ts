import type { Score, ScoreRuleId } from '#protocol';

/**
 * How a customer's score is made (FEATURES E2), from what they did. Each rule counts one kind of event in
 * a window and gives `points` per event up to `cap`; the score is the sum, 0–100 (the caps add up to
 * exactly 100). Buying weighs most, then spending, carts, chats, mail and browsing; open tasks show
 * someone is already working the customer.
 *
 * | rule          | counts                                                     | points | cap |
 * |---------------|------------------------------------------------------------|--------|-----|
 * | purchases_90d | order lines bought in the last 90 days                     | 8 each | 32  |
 * | spend_90d     | whole €50 spent in the last 90 days                        | 1 each | 20  |
 * | cart_7d       | products put in a cart in the last 7 days (shop or widget) | 4 each | 12  |
 * | page_views_7d | pages viewed in the last 7 days (widget tracking)          | 1 each | 10  |
 * | chats_30d     | conversations started in the last 30 days                  | 5 each | 15  |
 * | emails_in_30d | emails received from them in the last 30 days              | 3 each |  9  |
 * | open_tasks    | tasks on the record not yet done                           | 1 each |  2  |
 */
export const SCORING_RULES: Record<ScoreRuleId, { points: number; cap: number }> = {
  purchases_90d: { points: 8, cap: 32 },
  spend_90d: { points: 1, cap: 20 },
  cart_7d: { points: 4, cap: 12 },
  page_views_7d: { points: 1, cap: 10 },
  chats_30d: { points: 5, cap: 15 },
  emails_in_30d: { points: 3, cap: 9 },
  open_tasks: { points: 1, cap: 2 },
};

/** Money for `spend_90d`: one point per this many cents. */
export const SPEND_STEP_CENTS = 50_00;

export type ScoreCounts = Record<ScoreRuleId, number>;

export function scoreFrom(counts: ScoreCounts): Score {
  const rules = (Object.keys(SCORING_RULES) as ScoreRuleId[]).map((rule) => {
    const { points, cap } = SCORING_RULES[rule];
    return { rule, count: counts[rule], points: Math.min(cap, Math.max(0, Math.floor(counts[rule])) * points) };
  });
  const value = Math.min(
    100,
    rules.reduce((sum, r) => sum + r.points, 0),
  );
  return { value, rules };
}
