import { TemplateInput, type TemplateResponse, type TemplatesResponse } from '../../../protocol';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from '../templates/templates';
import { superUser } from './admin-routes';
import { json, readJson, type Handler } from './http-util';

/**
 * Quick-reply templates over REST (SPEC H3): super users list, create, change and delete them.
 * Reps read the templates of their chats from their event stream, not from here.
 */

const list: Handler = async (req, res, ctx) => {
  await superUser(req, ctx);
  json(res, 200, { templates: await listTemplates(ctx.db) } satisfies TemplatesResponse);
};

const create: Handler = async (req, res, ctx) => {
  const author = await superUser(req, ctx);
  const template = await createTemplate(ctx.db, author, await readJson(req, res, TemplateInput));
  ctx.committed();
  json(res, 201, { template } satisfies TemplateResponse);
};

const update = (id: string): Handler => async (req, res, ctx) => {
  const author = await superUser(req, ctx);
  const template = await updateTemplate(ctx.db, author, id, await readJson(req, res, TemplateInput));
  ctx.committed();
  json(res, 200, { template } satisfies TemplateResponse);
};

const remove = (id: string): Handler => async (req, res, ctx) => {
  await superUser(req, ctx);
  await deleteTemplate(ctx.db, id);
  ctx.committed();
  res.writeHead(204).end();
};

export function templateRoute(method: string, path: string): Handler | undefined {
  if (path === '/api/admin/templates') return method === 'GET' ? list : method === 'POST' ? create : undefined;
  const m = /^\/api\/admin\/templates\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (!m) return undefined;
  return method === 'PUT' ? update(m[1]) : method === 'DELETE' ? remove(m[1]) : undefined;
}
