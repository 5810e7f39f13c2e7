import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { LoginRequest, PROTOCOL_VERSION, type LoginResponse } from '../../../protocol';
import { login, logout } from '../auth/sessions';
import { HubError } from '../inbox/errors';
import { adminRoute } from './admin-routes';
import { fileRoute } from './file-routes';
import { templateRoute } from './template-routes';
import { crmAdminRoute } from './crm-admin-routes';
import type { HubContext } from './context';
import { bearer, fail, json, readJson, type Handler } from './http-util';

/** REST and static routes. Every body is size-capped and parsed with its protocol schema. */

export interface StaticPaths {
  /** The built widget: widget.js (the loader) and widget-body.js (what the loader imports). */
  widgetDir: string;
  /** Folder of demo pages served under /demo/. */
  demoDir: string;
}

const STATUS_FOR: Record<string, number> = { too_large: 413, bad_frame: 400, unauthorized: 401, forbidden: 403, origin_not_allowed: 403, not_found: 404, conflict: 409 };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

async function serveFile(res: ServerResponse, path: string, missing: string, headers: Record<string, string> = {}) {
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...headers });
    res.end(body);
  } catch {
    fail(res, 404, 'not_found', missing);
  }
}

export function createHttpHandler(ctx: HubContext, paths: StaticPaths) {
  const routes: Record<string, Handler> = {
    'GET /api/health': async (_req, res) => json(res, 200, { ok: true, protocol: PROTOCOL_VERSION }),
    'POST /api/auth/login': async (req, res, c) => {
      const body = await readJson(req, res, LoginRequest);
      const session = await login(c.db, body.email, body.password);
      if (!session) return fail(res, 401, 'unauthorized', 'email or password is wrong');
      json(res, 200, session satisfies LoginResponse);
    },
    'POST /api/auth/logout': async (req, res, c) => {
      const token = bearer(req);
      if (!token) return fail(res, 401, 'unauthorized', 'missing bearer token');
      await logout(c.db, token);
      res.writeHead(204).end();
    },
    'GET /widget.js': async (_req, res) => serveFile(res, join(paths.widgetDir, 'widget.js'), 'the widget is not built: run npm run build:widget'),
    // Imported as a module by the loader from any shop's page, so it needs CORS (it is public code).
    'GET /widget-body.js': async (_req, res) =>
      serveFile(res, join(paths.widgetDir, 'widget-body.js'), 'the widget is not built: run npm run build:widget', { 'access-control-allow-origin': '*' }),
  };

  return async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub');
    } catch {
      // e.g. "//[": read as an authority with a bad host. Unanswered, the rejection would crash the hub.
      return fail(res, 400, 'bad_frame', 'the request path is not a valid URL');
    }
    res.setHeader('x-content-type-options', 'nosniff');
    if (url.pathname.startsWith('/api/')) {
      // Bearer tokens, no cookies: any origin may call the API (the extension's origin varies per install).
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-parley-visitor');
      res.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    }
    try {
      const route = routes[`${req.method} ${url.pathname}`] ?? adminRoute(req.method ?? '', url.pathname) ?? fileRoute(req.method ?? '', url.pathname) ?? templateRoute(req.method ?? '', url.pathname) ?? crmAdminRoute(req.method ?? '', url.pathname);
      if (route) return await route(req, res, ctx);
      const demo = /^\/demo\/([a-z0-9-]+\.(?:html|css|svg|png))$/.exec(url.pathname);
      if (req.method === 'GET' && demo) return await serveFile(res, join(paths.demoDir, demo[1]), 'no such demo page');
      if (req.method === 'GET' && url.pathname === '/') return void res.writeHead(302, { location: '/demo/shop.html' }).end();
      fail(res, 404, 'not_found', `no route ${req.method} ${url.pathname}`);
    } catch (err) {
      if (err instanceof HubError) return fail(res, STATUS_FOR[err.code] ?? 400, err.code, err.message, err.limit);
      console.error('hub: request failed', err);
      if (!res.headersSent) fail(res, 500, 'internal', 'internal error; nothing was changed');
    }
  };
}
