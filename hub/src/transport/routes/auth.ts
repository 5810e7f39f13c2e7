import { LoginRequest, type LoginResponse } from '#protocol';
import { login, logout } from '../../auth/sessions';
import { HubError } from '../../inbox/errors';
import { bearer } from './guards';
import { jsonBodies, type Routes } from './kit';

/** Signing in and out (a bearer token per session; the extension keeps it). */
export const authRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);

  app.post('/api/auth/login', { schema: { body: LoginRequest } }, async (request) => {
    const session = await login(ctx.db, request.body.email, request.body.password);
    if (!session) throw new HubError('unauthorized', 'email or password is wrong');
    return session satisfies LoginResponse;
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const token = bearer(request);
    if (!token) throw new HubError('unauthorized', 'missing bearer token');
    await logout(ctx.db, token);
    return reply.code(204).send();
  });
};
