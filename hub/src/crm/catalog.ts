import { CATALOG_LIMITS, type CatalogEdit, type CatalogProduct, type CatalogResponse } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import { PRODUCT_COLUMNS, prefixedProduct } from './builtin/rows';
import { likeWord } from './products';

/**
 * The console's catalog (issue 20; FEATURES E10): super users find a product by name or SKU, hidden ones
 * included, edit its fields and hide it from the gallery and recommendations (products.ts and
 * builtin/recommend.ts leave hidden ones out; purchases and carts still show them).
 */
const COLUMNS = `${PRODUCT_COLUMNS('p')}, p.hidden`;
const toCatalog = (r: Record<string, unknown>): CatalogProduct => ({
  ...prefixedProduct(r),
  hidden: Boolean(r.hidden),
});

/** Every word of the query in the name or the SKU; `only` hidden ones when asked. */
export async function searchCatalog(tx: Sql, q: { q: string; hidden: 'any' | 'only' }): Promise<CatalogResponse> {
  const words = q.q.split(/\s+/).filter(Boolean).slice(0, 8).map(likeWord);
  const rows = await tx.query<Record<string, unknown>>(
    `select ${COLUMNS} from crm_products p
      where ($2::boolean is false or p.hidden)
        and not exists (select 1 from unnest($1::text[]) w where not (p.name ilike w or p.sku ilike w))
      order by p.name, p.id limit $3`,
    [words, q.hidden === 'only', CATALOG_LIMITS.results + 1],
  );
  return { products: rows.slice(0, CATALOG_LIMITS.results).map(toCatalog), more: rows.length > CATALOG_LIMITS.results };
}

export async function editProduct(tx: Sql, id: string, e: CatalogEdit): Promise<CatalogProduct> {
  const [row] = await tx.query<Record<string, unknown>>(
    `update crm_products p set name = $2, brand = $3, category = $4, price_cents = $5, currency = $6,
       image_url = $7, url = $8, hidden = $9
     where p.id = $1 returning ${COLUMNS}`,
    [id, e.name, e.brand, e.category, e.priceCents, e.currency, e.imageUrl, e.url, e.hidden],
  );
  if (!row) throw new HubError('not_found', 'no such product');
  return toCatalog(row);
}
