import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifySchemaValidationError } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { IDEMPOTENCY_HEADER, LIMITS, VISITOR_HEADER } from '#protocol';
import type { HubContext } from './context';
import { createNotFound } from './not-found';
import { restErrorHandler, sendRefusal } from './rest-errors';
import { accountRoutes } from './routes/account';
import { restLimits } from './rest-limits';
import { hstsOverTls, SECURITY_HEADERS } from './security-headers';
import { adminRoutes } from './routes/admin';
import { analyticsRoutes } from './routes/analytics';
import { channelAdminRoutes } from './routes/channels-admin';
import { webhookRoutes } from './routes/webhooks';
import { authRoutes } from './routes/auth';
import { crmAdminRoutes } from './routes/crm-admin';
import { dataOutRoutes } from './routes/data-out';
import { apiKeyRoutes } from './routes/api-keys';
import { dataApiRoutes } from './routes/data-api';
import { importRoutes } from './routes/imports';
import { catalogRoutes } from './routes/catalog';
import { shopWebhookRoutes } from './routes/shop-webhooks';
import { fileRoutes } from './routes/files';
import { healthRoutes } from './routes/health';
import { identitySecretRoutes } from './routes/identity-secret';
import { peopleRoutes } from './routes/people';
import { socketRoutes } from './routes/sockets';
import { staticRoutes, type StaticPaths } from './routes/static';
import { templateRoutes } from './routes/templates';
import { websiteRoutes } from './routes/websites';

/**
 * The hub's HTTP side on Fastify: one plugin per route group (`routes/`), each route's params,
 * query and body checked against its protocol schema (zod type provider), one error handler
 * (rest-errors.ts), 404 vs 405 (not-found.ts), CORS on /api/, the two sockets, and pino as the logger
 * with a request id on every request and socket.
 */

export interface AppOptions {
  logger: Logger;
  paths: StaticPaths;
  /** Has the hub finished starting? GET /api/health says 503 until it has. */
  started: () => boolean;
  /** Serve the demo shop and CRM pages (demo mode, PARLEY_DEMO=1); otherwise they do not exist. */
  demo: boolean;
  /** Serve TLS with this certificate and key (PEM; PARLEY_TLS_CERT, PARLEY_TLS_KEY); otherwise plain HTTP. */
  tls?: { cert: Buffer; key: Buffer };
}

/** Bearer tokens, no cookies: any origin may call the API (the extension's origin differs per install). */
const API_CORS: FastifyCorsOptions = {
  origin: '*',
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['authorization', 'content-type', VISITOR_HEADER, IDEMPOTENCY_HEADER],
  strictPreflight: false,
};

/** "path: reason", as the sockets word their schema errors; the whole body, query or path when the path is empty. */
function schemaMessage(errors: FastifySchemaValidationError[], part: string) {
  const [first] = errors;
  const path = first?.instancePath.slice(1).replaceAll('/', '.');
  return new Error(`${path || (part === 'querystring' ? 'query' : part)}: ${first?.message ?? 'invalid'}`);
}

export async function createApp(ctx: HubContext, options: AppOptions) {
  const { tls } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    // One server type either way: an HTTPS server is the same to Fastify and to the sockets' upgrade.
    serverFactory: (handler) =>
      tls
        ? (createHttpsServer({ cert: tls.cert, key: tls.key }, handler) as unknown as HttpServer)
        : createHttpServer(handler),
    // request.ip and request.protocol believe X-Forwarded-For and -Proto only from PARLEY_TRUSTED_PROXIES.
    trustProxy: ctx.trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: LIMITS.restBodyBytes,
    schemaErrorFormatter: schemaMessage,
    // A path that is not a URL (e.g. "/%zz"): refused before routing, so no hook has run.
    frameworkErrors: (err, _request, reply) => {
      reply.header('x-content-type-options', 'nosniff');
      void sendRefusal(reply, 400, {
        code: 'bad_request',
        message: `the request path is not a valid URL (${err.code})`,
      });
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(restErrorHandler);
  const notFound = createNotFound();
  app.addHook('onRoute', notFound.record);
  app.setNotFoundHandler(notFound.handler);
  // A body is read only where a route group asks for JSON (routes/kit.ts) or the handler streams it (uploads).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('x-request-id', request.id);
    // Bearer tokens and API keys are secrets: never in the log, even at trace level.
    const { authorization, ...headers } = request.headers;
    request.log.trace(
      { headers: authorization ? { ...headers, authorization: '[redacted]' } : headers },
      'request headers',
    );
  });
  await app.register(cors, {
    delegator: (request, callback) => callback(null, request.url.startsWith('/api/') ? API_CORS : { origin: false }),
  });
  await app.register(websocket, {
    options: { maxPayload: LIMITS.frameBytes * 4 },
    // ws refuses some frames itself (over maxPayload: 1009, bad UTF-8: 1007) and is already closing
    // with that code; a handler's own failure leaves the socket open, and it is cut.
    errorHandler: (err, socket, request) => {
      request.log.debug({ err }, 'socket error');
      if (socket.readyState === socket.OPEN) socket.terminate();
    },
    // A stopping hub: sockets finish what they accepted, then close with 1001 (socket-registry.ts).
    preClose: (done) => {
      ctx.sockets.closeAll().then(() => {
        app.websocketServer.close();
        done();
      }, done);
    },
  });

  await app.register(helmet, SECURITY_HEADERS);
  app.addHook('onRequest', hstsOverTls);
  await app.register(rateLimit, restLimits(ctx));

  await app.register(healthRoutes, { ctx, started: options.started });
  await app.register(authRoutes, { ctx });
  await app.register(adminRoutes, { ctx });
  await app.register(templateRoutes, { ctx });
  await app.register(crmAdminRoutes, { ctx });
  await app.register(identitySecretRoutes, { ctx });
  await app.register(fileRoutes, { ctx });
  await app.register(analyticsRoutes, { ctx });
  await app.register(peopleRoutes, { ctx });
  await app.register(websiteRoutes, { ctx });
  await app.register(accountRoutes, { ctx });
  await app.register(channelAdminRoutes, { ctx });
  await app.register(webhookRoutes, { ctx });
  await app.register(dataOutRoutes, { ctx });
  await app.register(dataApiRoutes, { ctx });
  await app.register(importRoutes, { ctx });
  await app.register(catalogRoutes, { ctx });
  await app.register(apiKeyRoutes, { ctx });
  await app.register(shopWebhookRoutes, { ctx });
  await app.register(staticRoutes, { ctx, paths: options.paths, demo: options.demo });
  await app.register(socketRoutes, { ctx });
  return app;
}
