import FindMyWay from 'find-my-way';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { sendRefusal } from './rest-errors';

/**
 * 404 or 405. Fastify answers 404 for a path it knows under another method; this tells the two apart
 * with a second router (Fastify's own, find-my-way) that holds every route's path per method, so a
 * wrong method is 405 with an `allow` header listing the methods the path has.
 */

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
type Method = (typeof METHODS)[number];
const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

export function createNotFound() {
  const known = FindMyWay();
  return {
    /** An `onRoute` hook: add it before any route is registered. */
    record(route: Pick<RouteOptions, 'method' | 'url'>) {
      // HEAD follows GET; OPTIONS is CORS's catch-all preflight (`*`), which would claim every path.
      if (route.url.includes('*')) return;
      for (const method of [route.method].flat())
        if (isMethod(method) && !known.hasRoute(method, route.url)) known.on(method, route.url, () => {});
    },
    /** The not-found handler. */
    handler(request: FastifyRequest, reply: FastifyReply) {
      const allow = METHODS.filter((method) => known.find(method, request.url) !== null);
      if (allow.length === 0)
        return sendRefusal(reply, 404, {
          code: 'not_found',
          message: `no route ${request.method} ${request.url.split('?')[0]}`,
        });
      reply.header('allow', allow.join(', '));
      return sendRefusal(reply, 405, {
        code: 'method_not_allowed',
        message: `${request.method} is not allowed here; allowed: ${allow.join(', ')}`,
      });
    },
  };
}
