import { DeleteWithMove, NewChat, NewQueue, type NewChatResponse } from '#protocol';
import { createChat, createQueue, deleteChat, deleteQueue } from '../../admin/websites';
import type { HubContext } from '../context';
import { superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * Websites (chats) and queues made and deleted by super users (FEATURES H2); a chat's settings and a
 * queue's routing are saved by admin.ts. A delete with waiting conversations names where they go.
 */

/** After a chat or queue came or went: who works where, what visitors are told, and the feeds. */
function changed(ctx: HubContext) {
  ctx.chatReps.invalidateAll();
  ctx.visitorViews.invalidate();
  ctx.committed();
}

export const websiteRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'websites and queues');

  app.post('/api/admin/chats', { onRequest, schema: { body: NewChat } }, async (request, reply) => {
    const made = await createChat(ctx.db, request.body.name);
    changed(ctx);
    return reply.code(201).send(made satisfies NewChatResponse);
  });

  app.delete(
    '/api/admin/chats/:id',
    { onRequest, schema: { params: IdParams, body: DeleteWithMove.nullish() } },
    async (request, reply) => {
      const { fileIds } = await deleteChat(ctx.db, request.params.id, request.body?.moveToQueueId ?? null, ctx.now());
      changed(ctx);
      // Its files' rows went with the chat; their bytes go once that has committed.
      for (const id of fileIds) await ctx.files.remove(id);
      return reply.code(204).send();
    },
  );

  app.post('/api/admin/queues', { onRequest, schema: { body: NewQueue } }, async (request, reply) => {
    const made = await createQueue(ctx.db, request.body.chatId, request.body.name);
    changed(ctx);
    return reply.code(201).send(made);
  });

  app.delete(
    '/api/admin/queues/:id',
    { onRequest, schema: { params: IdParams, body: DeleteWithMove.nullish() } },
    async (request, reply) => {
      await deleteQueue(ctx.db, request.params.id, request.body?.moveToQueueId ?? null, ctx.now());
      changed(ctx);
      return reply.code(204).send();
    },
  );
};
