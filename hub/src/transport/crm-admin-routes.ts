import type { IncomingMessage } from 'node:http';
import { FieldLayout, LayoutEntity, type RepProfile } from '../../../protocol';
import { acting, repForToken } from '../auth/sessions';
import { crmConnector } from '../crm/registry';
import { HubError } from '../inbox/errors';
import type { HubContext } from './context';
import { bearer, json, readJson, type Handler } from './http-util';

/** Super users choose the fields shown for leads, persons and companies (SPEC E4, H3). */

async function superUser(req: IncomingMessage, ctx: HubContext): Promise<RepProfile> {
  const token = bearer(req);
  const rep = token ? await repForToken(ctx.db, token) : null;
  if (!rep) throw new HubError('unauthorized', 'sign in again: missing or invalid token');
  if (rep.role !== 'admin') throw new HubError('forbidden', 'only super users can change card layouts');
  return acting({ ...rep, mode: 'admin' });
}

const listLayouts: Handler = async (req, res, ctx) => {
  const actor = await superUser(req, ctx);
  json(res, 200, { layouts: await crmConnector().layouts({ tx: ctx.db, now: ctx.now(), actor }) });
};

const saveLayout = (entity: LayoutEntity): Handler => async (req, res, ctx) => {
  const actor = await superUser(req, ctx);
  const body = await readJson(req, res, FieldLayout);
  if (body.entity !== entity) throw new HubError('bad_frame', `entity: the body is for ${body.entity}, the address for ${entity}`);
  await ctx.db.transaction((tx) => crmConnector().saveLayout({ tx, now: ctx.now(), actor }, body));
  res.writeHead(204).end();
};

export function crmAdminRoute(method: string, path: string): Handler | undefined {
  if (method === 'GET' && path === '/api/admin/crm/layouts') return listLayouts;
  const m = /^\/api\/admin\/crm\/layouts\/([a-z]+)$/.exec(path);
  const entity = m ? LayoutEntity.safeParse(m[1]) : null;
  if (method === 'PUT' && entity?.success) return saveLayout(entity.data);
  return undefined;
}
