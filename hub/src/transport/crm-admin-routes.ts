import type { IncomingMessage } from 'node:http';
import { FieldLayout, LayoutEntity, PoolInput, PoolUpdate, type LayoutsResponse, type PoolResponse, type PoolsResponse, type RepProfile } from '../../../protocol';
import { acting, repForToken } from '../auth/sessions';
import { createPool, deletePool, poolCandidates, updatePool } from '../crm/pool-admin';
import { listPools } from '../crm/pools';
import { crmConnector } from '../crm/registry';
import { HubError } from '../inbox/errors';
import type { HubContext } from './context';
import { bearer, json, readJson, type Handler } from './http-util';

/** Super users choose the fields shown for leads, persons and companies (SPEC E4) and keep the distribution pools (E5, H3). */

async function superUser(req: IncomingMessage, ctx: HubContext, what: string): Promise<RepProfile> {
  const token = bearer(req);
  const rep = token ? await repForToken(ctx.db, token) : null;
  if (!rep) throw new HubError('unauthorized', 'sign in again: missing or invalid token');
  if (rep.role !== 'admin') throw new HubError('forbidden', `only super users can change ${what}`);
  return acting({ ...rep, mode: 'admin' });
}

const LAYOUTS = 'card layouts';
const POOLS = 'distribution pools';

const listLayouts: Handler = async (req, res, ctx) => {
  const actor = await superUser(req, ctx, LAYOUTS);
  json(res, 200, { layouts: await crmConnector().layouts({ tx: ctx.db, now: ctx.now(), actor }) } satisfies LayoutsResponse);
};

const saveLayout = (entity: LayoutEntity): Handler => async (req, res, ctx) => {
  const actor = await superUser(req, ctx, LAYOUTS);
  const body = await readJson(req, res, FieldLayout);
  if (body.entity !== entity) throw new HubError('bad_frame', `entity: the body is for ${body.entity}, the address for ${entity}`);
  await ctx.db.transaction((tx) => crmConnector().saveLayout({ tx, now: ctx.now(), actor }, body));
  res.writeHead(204).end();
};

const listPoolsRoute: Handler = async (req, res, ctx) => {
  await superUser(req, ctx, POOLS);
  const [pools, reps] = await ctx.db.transaction(async (tx) => [await listPools(tx), await poolCandidates(tx)] as const);
  json(res, 200, { pools, reps } satisfies PoolsResponse);
};

const createPoolRoute: Handler = async (req, res, ctx) => {
  await superUser(req, ctx, POOLS);
  const input = await readJson(req, res, PoolInput);
  json(res, 201, { pool: await ctx.db.transaction((tx) => createPool(tx, input)) } satisfies PoolResponse);
};

const updatePoolRoute = (id: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx, POOLS);
  const update = await readJson(req, res, PoolUpdate);
  json(res, 200, { pool: await ctx.db.transaction((tx) => updatePool(tx, id, update)) } satisfies PoolResponse);
};

const deletePoolRoute = (id: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx, POOLS);
  await ctx.db.transaction((tx) => deletePool(tx, id));
  res.writeHead(204).end();
};

export function crmAdminRoute(method: string, path: string): Handler | undefined {
  if (path === '/api/admin/crm/layouts') return method === 'GET' ? listLayouts : undefined;
  const layout = /^\/api\/admin\/crm\/layouts\/([a-z]+)$/.exec(path);
  const entity = layout ? LayoutEntity.safeParse(layout[1]) : null;
  if (entity?.success) return method === 'PUT' ? saveLayout(entity.data) : undefined;
  if (path === '/api/admin/crm/pools') return method === 'GET' ? listPoolsRoute : method === 'POST' ? createPoolRoute : undefined;
  const pool = /^\/api\/admin\/crm\/pools\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (!pool) return undefined;
  return method === 'PUT' ? updatePoolRoute(pool[1]) : method === 'DELETE' ? deletePoolRoute(pool[1]) : undefined;
}
