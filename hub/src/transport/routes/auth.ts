import { LoginRequest, type LoginResponse } from '#protocol';
import { login, logout } from '../../auth/sessions';
import { HubError } from '../../inbox/errors';
import { addressKey } from '../../net/addresses';
import { limitedTo } from '../rest-limits';
import { bearer } from './guards';
import { jsonBodies, type Routes } from './kit';

/** Signing in and out (a bearer token per session; the extension keeps it), signing in rate-limited (FEATURES I4). */
export const authRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);

  // Requests per address first (rest-limits.ts), then the wrong-password lockouts (sign-in-guard.ts).
  const perAddress = limitedTo('sign-in requests', ctx.limits.table.signIn.requestsPerIp);
  app.post(
    '/api/auth/login',
    { schema: { body: LoginRequest }, config: { rateLimit: perAddress } },
    async (request) => {
      const { email, password } = request.body;
      const attempt = await ctx.limits.signIn.attempt(email, addressKey(request.ip, ctx.trustProxy));
      const session = await login(ctx.db, email, password);
      if (!session) {
        await attempt.failed();
        throw new HubError('unauthorized', 'email or password is wrong');
      }
      await attempt.succeeded();
      return session satisfies LoginResponse;
    },
  );

  app.post('/api/auth/logout', async (request, reply) => {
    const token = bearer(request);
    if (!token) throw new HubError('unauthorized', 'missing bearer token');
    await logout(ctx.db, token);
    return reply.code(204).send();
  });
};
