import type { IdentitySecretResponse } from '#protocol';
import { HubError } from '../../inbox/errors';
import { dropIdentitySecret, renewIdentitySecret } from '../../inbox/visitor-identity';
import { superUser } from './guards';
import { IdParams, type Routes } from './kit';

/**
 * A chat's identity-verification secret (issue 14, inbox/visitor-identity.ts), for super users:
 * `POST` makes a new one and shows it this once (the one before stops verifying at once), `DELETE`
 * turns verification off. Nothing reads it back: the chat list says only whether there is one.
 */
export const identitySecretRoutes: Routes = async (app, { ctx }) => {
  const onRequest = superUser(ctx, 'identity verification');

  app.post(
    '/api/admin/chats/:id/identity-secret',
    { onRequest, schema: { params: IdParams } },
    async (request, reply) => {
      const secret = await renewIdentitySecret(ctx.db, request.params.id);
      if (!secret) throw new HubError('not_found', 'no such chat');
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ chatId: request.params.id, secret } satisfies IdentitySecretResponse);
    },
  );

  app.delete(
    '/api/admin/chats/:id/identity-secret',
    { onRequest, schema: { params: IdParams } },
    async (request, reply) => {
      if (!(await dropIdentitySecret(ctx.db, request.params.id))) throw new HubError('not_found', 'no such chat');
      return reply.code(204).send();
    },
  );
};
