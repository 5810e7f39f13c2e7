import * as z from 'zod';
import { CONNECTION_INPUT, ProviderParams, type ChannelConnectionList } from '#protocol';
import { deleteConnection, listConnections, saveConnection } from '../../channels/connections';
import { HubError } from '../../inbox/errors';
import { superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * A chat's messaging-channel connections (FEATURES G2, G3, G4), for super users: read them (secrets
 * as `{ set: true }`, with each webhook URL to give the provider), save one provider's (PUT: a secret
 * left out keeps the stored one), remove one. Secrets are sealed with PARLEY_SECRET_KEY; without it a
 * save is refused with the reason.
 */
export const channelAdminRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'channel connections');
  const publicUrl = () => ctx.accounts.publicUrl();

  app.get('/api/admin/chats/:id/channels', { onRequest, schema: { params: IdParams } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send({
      connections: await listConnections(ctx.db, request.params.id, publicUrl()),
    } satisfies ChannelConnectionList),
  );

  app.put(
    '/api/admin/chats/:id/channels/:provider',
    { onRequest, schema: { params: ProviderParams, body: z.unknown() } },
    async (request, reply) => {
      const { id, provider } = request.params;
      const parsed = CONNECTION_INPUT[provider].safeParse(request.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HubError('bad_frame', `${issue.path.join('.') || 'body'}: ${issue.message}`);
      }
      const view = await ctx.db.transaction((tx) =>
        saveConnection(tx, ctx.channels.settings.secretKey, id, provider, parsed.data, publicUrl()),
      );
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.delete(
    '/api/admin/chats/:id/channels/:provider',
    { onRequest, schema: { params: ProviderParams } },
    async (request, reply) => {
      if (!(await deleteConnection(ctx.db, request.params.id, request.params.provider)))
        throw new HubError('not_found', 'this chat has no such connection');
      return reply.code(204).send();
    },
  );
};
