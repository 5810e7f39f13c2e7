import type { Sql } from '../../storage/db';
import type { CrmCall, Recommended } from '../connector';
import { PRODUCT_COLUMNS, prefixedProduct } from './rows';

/**
 * Recommendations computed from purchase history (FEATURES E11): item-to-item collaborative filtering.
 *
 * Seeds are what the customer bought plus what the visitor looked at or put in a cart. For a seed i
 * and a candidate j, `co(i, j)` is the number of other customers who bought both, and the similarity
 * is the cosine of their buyer sets: co(i, j) / sqrt(buyers(i) × buyers(j)). A candidate's score is
 * the sum of its similarities to all seeds; its reason is the seed that contributed most ("bought
 * together with …, by N customers"). Products the customer owns and the seeds themselves are never
 * recommended. When co-purchases give fewer than `limit`, the best sellers of the seeds' categories
 * (then of the whole catalog) fill up, with the reason "popular". Products hidden on the console's
 * catalog are never recommended (they may still be seeds: a customer bought them).
 *
 * The counts are read from crm_product_buyers and crm_co_purchases, which triggers keep as purchases
 * come and go (migration 0029): a card's recommendations no longer scan the purchase history. The
 * customer never counts among the co-buyers here: every product they own is a seed, and a candidate
 * is never a seed, so they cannot have bought both.
 */
export async function recommend(
  { tx }: CrmCall,
  input: { contactId: string | null; seedProductIds: string[]; limit: number },
): Promise<Recommended[]> {
  const { contactId, seedProductIds, limit } = input;
  const owned = contactId
    ? (
        await tx.query<{ product_id: string }>('select distinct product_id from crm_purchases where contact_id = $1', [
          contactId,
        ])
      ).map((r) => r.product_id)
    : [];
  const seeds = [...new Set([...owned, ...seedProductIds])];
  const excluded = new Set(seeds);
  const pairs =
    seeds.length === 0
      ? []
      : await tx.query<{ seed: string; cand: string; co: number; seed_buyers: number; cand_buyers: number }>(
          `select cp.product_id as seed, cp.other_id as cand, cp.buyers as co, bs.buyers as seed_buyers, bc.buyers as cand_buyers
             from crm_co_purchases cp
             join crm_product_buyers bs on bs.product_id = cp.product_id
             join crm_product_buyers bc on bc.product_id = cp.other_id
             join crm_products c on c.id = cp.other_id
            where cp.product_id = any($1) and not (cp.other_id = any($1)) and cp.buyers > 0 and not c.hidden`,
          [seeds],
        );
  const byCandidate = new Map<string, { score: number; best: { seed: string; sim: number; co: number } }>();
  for (const p of pairs) {
    if (excluded.has(p.cand)) continue;
    const sim = Number(p.co) / Math.sqrt(Number(p.seed_buyers) * Number(p.cand_buyers));
    const entry = byCandidate.get(p.cand);
    const mine = { seed: p.seed, sim, co: Number(p.co) };
    if (!entry) byCandidate.set(p.cand, { score: sim, best: mine });
    else {
      entry.score += sim;
      if (sim > entry.best.sim || (sim === entry.best.sim && mine.seed < entry.best.seed)) entry.best = mine;
    }
  }
  // Compared at 6 decimals: equal similarities (2/√12 and 1/√3) must tie, whatever the floating-point noise.
  const key = (score: number) => Math.round(score * 1e6);
  const ranked = [...byCandidate.entries()]
    .sort(([a, x], [b, y]) => key(y.score) - key(x.score) || y.best.co - x.best.co || (a < b ? -1 : 1))
    .slice(0, limit);
  const products = await productsById(tx, [...ranked.map(([id]) => id), ...ranked.map(([, e]) => e.best.seed)]);
  const result: Recommended[] = ranked.map(([id, e]) => ({
    product: products.get(id)!,
    score: Math.round(e.score * 1000) / 1000,
    reason: {
      kind: 'co_purchase',
      becauseOf: { id: e.best.seed, name: products.get(e.best.seed)!.name },
      customers: e.best.co,
    },
  }));
  if (result.length < limit)
    result.push(
      ...(await popular(tx, seeds, new Set([...excluded, ...result.map((r) => r.product.id)]), limit - result.length)),
    );
  return result;
}

async function productsById(tx: Sql, ids: string[]) {
  const rows = await tx.query<Record<string, unknown>>(
    `select ${PRODUCT_COLUMNS('p')} from crm_products p where p.id = any($1)`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.p_id as string, prefixedProduct(r)]));
}

/** Best sellers (by distinct buyers) of the seeds' categories first, then of the whole catalog. */
async function popular(tx: Sql, seeds: string[], excluded: Set<string>, count: number): Promise<Recommended[]> {
  const rows = await tx.query<Record<string, unknown> & { buyers: number; in_category: boolean }>(
    `with cats as (select distinct category from crm_products where id = any($1))
     select ${PRODUCT_COLUMNS('p')}, pb.buyers, p.category in (select category from cats) as in_category
       from crm_products p join crm_product_buyers pb on pb.product_id = p.id
      where not (p.id = any($2)) and pb.buyers > 0 and not p.hidden
      order by in_category desc, pb.buyers desc, p.id limit $3`,
    [seeds, [...excluded], count],
  );
  return rows.map((r) => ({
    product: prefixedProduct(r),
    score: 0,
    reason: { kind: 'popular', buyers: Number(r.buyers), category: r.in_category ? (r.p_category as string) : null },
  }));
}
