import { access } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import * as z from 'zod';
import { HubError } from '../../inbox/errors';
import type { Routes } from './kit';

/**
 * The widget's two scripts, and in demo mode the demo pages. Files go out through @fastify/static
 * (type, length, ETag, ranges), always revalidated.
 */

export interface StaticPaths {
  /** The built widget: widget.js (the loader) and widget-body.js (what the loader imports). */
  widgetDir: string;
  /** Folder of demo pages served under /demo/. */
  demoDir: string;
}

/** Only plain page, script, style and image names: nothing else in the demo folder is served. */
const DEMO_FILE = /^[a-z0-9-]+\.(?:html|js|css|svg|png)$/;
const NOT_BUILT = 'the widget is not built: run npm run build:widget';

async function sendFrom(reply: FastifyReply, dir: string, name: string, missing: string) {
  // Checked first, so a missing file is a 404 with its reason rather than the plugin's bare not-found.
  await access(join(dir, name)).catch(() => {
    throw new HubError('not_found', missing);
  });
  return reply.header('cache-control', 'no-cache').sendFile(name, dir, { cacheControl: false });
}

export const staticRoutes: Routes<{ paths: StaticPaths; demo: boolean }> = async (app, { paths, demo }) => {
  await app.register(fastifyStatic, { root: paths.demoDir, serve: false });

  app.get('/widget.js', async (_request, reply) => sendFrom(reply, paths.widgetDir, 'widget.js', NOT_BUILT));
  // Imported as a module by the loader from any shop's page, so it needs CORS (it is public code).
  app.get('/widget-body.js', async (_request, reply) =>
    sendFrom(reply.header('access-control-allow-origin', '*'), paths.widgetDir, 'widget-body.js', NOT_BUILT),
  );

  // The demo shop and CRM exist only in demo mode (PARLEY_DEMO=1): a hub in service serves no sample pages.
  if (!demo) return;

  app.get('/demo/:file', { schema: { params: z.object({ file: z.string().max(100) }) } }, async (request, reply) => {
    const { file } = request.params;
    if (!DEMO_FILE.test(file)) throw new HubError('not_found', 'no such demo page');
    return sendFrom(reply, paths.demoDir, file, 'no such demo page');
  });

  app.get('/', async (_request, reply) => reply.redirect('/demo/shop.html'));
};
