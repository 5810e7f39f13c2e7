import { TemplateInput, type TemplateResponse, type TemplatesResponse } from '#protocol';
import { createTemplate, deleteTemplate, listTemplates, updateTemplate } from '../../templates/templates';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * Quick-reply templates over REST (FEATURES H3): super users list, create, change and delete them.
 * Reps read the templates of their chats from their event stream, not from here.
 */
export const templateRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx);

  app.get(
    '/api/admin/templates',
    { onRequest },
    async () => ({ templates: await listTemplates(ctx.db) }) satisfies TemplatesResponse,
  );

  app.post('/api/admin/templates', { onRequest, schema: { body: TemplateInput } }, async (request, reply) => {
    const template = await createTemplate(ctx.db, callerRep(request), request.body);
    ctx.committed();
    return reply.code(201).send({ template } satisfies TemplateResponse);
  });

  app.put(
    '/api/admin/templates/:id',
    { onRequest, schema: { params: IdParams, body: TemplateInput } },
    async (request) => {
      const template = await updateTemplate(ctx.db, callerRep(request), request.params.id, request.body);
      ctx.committed();
      return { template } satisfies TemplateResponse;
    },
  );

  app.delete('/api/admin/templates/:id', { onRequest, schema: { params: IdParams } }, async (request, reply) => {
    await deleteTemplate(ctx.db, request.params.id);
    ctx.committed();
    return reply.code(204).send();
  });
};
