import * as z from 'zod';
import {
  FieldLayout,
  LayoutEntity,
  PoolInput,
  PoolUpdate,
  type LayoutsResponse,
  type PoolResponse,
  type PoolsResponse,
} from '#protocol';
import { acting } from '../../auth/sessions';
import { createPool, deletePool, poolCandidates, updatePool } from '../../crm/pool-admin';
import { listPools } from '../../crm/pools';
import { crmConnector } from '../../crm/registry';
import { HubError } from '../../inbox/errors';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/** Super users choose the fields shown for leads, persons and companies (FEATURES E4) and keep the distribution pools (E5, H3). */
export const crmAdminRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const layouts = superUser(ctx, 'card layouts');
  const pools = superUser(ctx, 'distribution pools');
  /** The super user acting as one, whatever mode they are in. */
  const admin = (request: Parameters<typeof callerRep>[0]) => acting({ ...callerRep(request), mode: 'admin' });

  app.get('/api/admin/crm/layouts', { onRequest: layouts }, async (request) => {
    return {
      layouts: await crmConnector().layouts({ tx: ctx.db, now: ctx.now(), actor: admin(request) }),
    } satisfies LayoutsResponse;
  });

  app.put(
    '/api/admin/crm/layouts/:entity',
    { onRequest: layouts, schema: { params: z.object({ entity: LayoutEntity }), body: FieldLayout } },
    async (request, reply) => {
      const { entity } = request.params;
      if (request.body.entity !== entity)
        throw new HubError('bad_frame', `entity: the body is for ${request.body.entity}, the address for ${entity}`);
      await ctx.db.transaction((tx) =>
        crmConnector().saveLayout({ tx, now: ctx.now(), actor: admin(request) }, request.body),
      );
      return reply.code(204).send();
    },
  );

  app.get('/api/admin/crm/pools', { onRequest: pools }, async () => {
    const [list, reps] = await ctx.db.transaction(
      async (tx) => [await listPools(tx), await poolCandidates(tx)] as const,
    );
    return { pools: list, reps } satisfies PoolsResponse;
  });

  app.post('/api/admin/crm/pools', { onRequest: pools, schema: { body: PoolInput } }, async (request, reply) => {
    const pool = await ctx.db.transaction((tx) => createPool(tx, request.body));
    return reply.code(201).send({ pool } satisfies PoolResponse);
  });

  app.put(
    '/api/admin/crm/pools/:id',
    { onRequest: pools, schema: { params: IdParams, body: PoolUpdate } },
    async (request) => {
      return {
        pool: await ctx.db.transaction((tx) => updatePool(tx, request.params.id, request.body)),
      } satisfies PoolResponse;
    },
  );

  app.delete('/api/admin/crm/pools/:id', { onRequest: pools, schema: { params: IdParams } }, async (request, reply) => {
    await ctx.db.transaction((tx) => deletePool(tx, request.params.id));
    return reply.code(204).send();
  });
};
