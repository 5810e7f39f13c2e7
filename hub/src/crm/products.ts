import { CRM_LIMITS, type Product } from '#protocol';
import type { Sql } from '../storage/db';
import { PRODUCT_COLUMNS, prefixedProduct } from './builtin/rows';

/**
 * The product gallery (FEATURES E10): the hub's catalog, searched by name, brand or category. Every word
 * of the query must appear in one of the three; brand and category narrow to an exact value. Products
 * hidden on the console's catalog (catalog.ts) are not in the gallery, nor among its brands and categories.
 */
export const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchProducts(tx: Sql, q: { query: string; brand: string | null; category: string | null }) {
  const words = q.query.split(/\s+/).filter(Boolean).slice(0, 8).map(likeWord);
  const rows = await tx.query<Record<string, unknown>>(
    `select ${PRODUCT_COLUMNS('p')} from crm_products p
      where not p.hidden and ($2::text is null or p.brand = $2) and ($3::text is null or p.category = $3)
        and not exists (select 1 from unnest($1::text[]) w where not (p.name ilike w or p.brand ilike w or p.category ilike w))
      order by p.name, p.id limit $4`,
    [words, q.brand, q.category, CRM_LIMITS.productResults],
  );
  const brands = (
    await tx.query<{ brand: string }>('select distinct brand from crm_products where not hidden order by brand')
  ).map((r) => r.brand);
  const categories = (
    await tx.query<{ category: string }>(
      'select distinct category from crm_products where not hidden order by category',
    )
  ).map((r) => r.category);
  return { products: rows.map(prefixedProduct), brands, categories };
}

/** A product the gallery shows (a rep sends it as a card): a hidden one is not found. */
export async function productById(tx: Sql, id: string): Promise<Product | null> {
  const [row] = await tx.query<Record<string, unknown>>(
    `select ${PRODUCT_COLUMNS('p')} from crm_products p where p.id = $1 and not p.hidden`,
    [id],
  );
  return row ? prefixedProduct(row) : null;
}
