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
      : await tx.query<{ seed: string; cand: string; co: string; seed_buyers: string; cand_buyers: string }>(
          `with pairs as (
       select b1.product_id as seed, b2.product_id as cand, count(distinct b1.contact_id) as co
         from crm_purchases b1 join crm_purchases b2 on b2.contact_id = b1.contact_id and b2.product_id <> b1.product_id
        where b1.product_id = any($1) and ($2::text is null or b1.contact_id <> $2)
          and not exists (select 1 from crm_products h where h.id = b2.product_id and h.hidden)
        group by 1, 2),
     buyers as (
       select product_id, count(distinct contact_id) as n from crm_purchases
        where product_id in (select seed from pairs union select cand from pairs) group by 1)
     select p.seed, p.cand, p.co, bs.n as seed_buyers, bc.n as cand_buyers
       from pairs p join buyers bs on bs.product_id = p.seed join buyers bc on bc.product_id = p.cand`,
          [seeds, contactId],
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
  const rows = await tx.query<Record<string, unknown> & { buyers: string; in_category: boolean }>(
    `with cats as (select distinct category from crm_products where id = any($1))
     select ${PRODUCT_COLUMNS('p')}, count(distinct b.contact_id) as buyers, p.category in (select category from cats) as in_category
       from crm_products p join crm_purchases b on b.product_id = p.id
      where not (p.id = any($2)) and not p.hidden
      group by p.id order by in_category desc, buyers desc, p.id limit $3`,
    [seeds, [...excluded], count],
  );
  return rows.map((r) => ({
    product: prefixedProduct(r),
    score: 0,
    reason: { kind: 'popular', buyers: Number(r.buyers), category: r.in_category ? (r.p_category as string) : null },
  }));
}
