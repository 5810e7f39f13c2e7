import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { Id } from '#protocol';
import type { HubContext } from '../context';

/** What every route group (one Fastify plugin per file in this folder) is given and shares. */

export type Routes<Extra extends object = object> = FastifyPluginAsyncZod<{ ctx: HubContext } & Extra>;

/** `:id` in a path: an id as the protocol spells every id. */
export const IdParams = z.object({ id: Id });

/**
 * This route group's bodies are JSON whatever content type the client names (a `fetch` with a string
 * body says text/plain), read up to the route's `bodyLimit` and parsed by Fastify's own JSON parser,
 * which drops `__proto__` and `constructor.prototype` keys. Outside such groups bodies are not read.
 */
export function jsonBodies(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('remove', 'remove'));
}
