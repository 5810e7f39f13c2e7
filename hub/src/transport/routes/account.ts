import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { LinkQuery, SetPassword, type LinkInfo } from '#protocol';
import { HubError } from '../../inbox/errors';
import { findLink, LINK_GONE, SET_PASSWORD_PATH, toLinkInfo } from '../../people/links';
import { setPasswordWithLink } from '../../people/set-password';
import { jsonBodies, type Routes } from './kit';

/**
 * A one-time link's page and its two calls (FEATURES H1), for someone with no session yet: whom the
 * link is for, and setting the password through it. The token travels in the URL's fragment and
 * in request bodies only, so no access log records it.
 */

const pageDir = fileURLToPath(new URL('../../../account/', import.meta.url));

export const accountRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  app.post('/api/account/link', { schema: { body: LinkQuery } }, async (request) => {
    const link = await findLink(ctx.db, request.body.token);
    if (!link) throw new HubError('not_found', LINK_GONE);
    return toLinkInfo(link) satisfies LinkInfo;
  });
  app.post('/api/account/password', { schema: { body: SetPassword } }, async (request, reply) => {
    await setPasswordWithLink(ctx.db, request.body.token, request.body.password);
    ctx.committed();
    return reply.code(204).send();
  });

  // The page and its script: no framework, no build, strings in the five languages inside the script.
  const page = (file: string, type: string) => async (_request: unknown, reply: FastifyReply) =>
    reply
      .type(type)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
      )
      .send(await readFile(pageDir + file));
  app.get(SET_PASSWORD_PATH, page('set-password.html', 'text/html; charset=utf-8'));
  app.get('/account/set-password.js', page('set-password.js', 'text/javascript; charset=utf-8'));
  app.get('/account/set-password.css', page('set-password.css', 'text/css; charset=utf-8'));
};
