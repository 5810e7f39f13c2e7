import { NewApiKey, type ApiKeyMade, type ApiKeysResponse, type ApiKeyView } from '#protocol';
import { createKey, deleteKey, listKeys, revokeKey } from '../../ingest/api-keys';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * The data API's keys on the console (FEATURES E2; issue 20), for super users: list (never a secret),
 * make one (its secret answered this once, not cached), revoke (at once), delete a revoked one.
 */
export const apiKeyRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'API keys');

  app.get('/api/admin/api-keys', { onRequest }, async () => {
    return { keys: await listKeys(ctx.db) } satisfies ApiKeysResponse;
  });

  app.post('/api/admin/api-keys', { onRequest, schema: { body: NewApiKey } }, async (request, reply) => {
    const made = await ctx.db.transaction((tx) => createKey(tx, request.body, callerRep(request).id));
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .send(made satisfies ApiKeyMade);
  });

  app.post('/api/admin/api-keys/:id/revoke', { onRequest, schema: { params: IdParams } }, async (request) => {
    return { key: await revokeKey(ctx.db, request.params.id) } satisfies { key: ApiKeyView };
  });

  app.delete('/api/admin/api-keys/:id', { onRequest, schema: { params: IdParams } }, async (request, reply) => {
    await ctx.db.transaction((tx) => deleteKey(tx, request.params.id));
    return reply.code(204).send();
  });
};
