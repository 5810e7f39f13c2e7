import { CatalogEdit, CatalogQuery, type CatalogProduct, type CatalogResponse } from '#protocol';
import { editProduct, searchCatalog } from '../../crm/catalog';
import { superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * The console's catalog (issue 20; FEATURES E10), for super users: `GET /api/admin/catalog?q=` finds
 * products by name or SKU (hidden ones too), `PUT /api/admin/catalog/:id` saves a product's fields and
 * whether the gallery hides it.
 */
export const catalogRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'the catalog');

  app.get('/api/admin/catalog', { onRequest, schema: { querystring: CatalogQuery } }, async (request) => {
    return (await searchCatalog(ctx.db, request.query)) satisfies CatalogResponse;
  });

  app.put('/api/admin/catalog/:id', { onRequest, schema: { params: IdParams, body: CatalogEdit } }, async (request) => {
    const product = await ctx.db.transaction((tx) => editProduct(tx, request.params.id, request.body));
    return { product } satisfies { product: CatalogProduct };
  });
};
