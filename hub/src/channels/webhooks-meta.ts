import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { CHANNEL_LIMITS, Id } from '#protocol';
import { HubError } from '../inbox/errors';
import type { HubContext } from '../transport/context';
import { loadConnection } from './connections';
import { storeItems } from './intake';
import type { InboundItem } from './items';
import { MessengerBody, WhatsAppBody, messengerItems, whatsappItems } from './meta-payload';
import { metaSignatureValid } from './signatures';

/**
 * Meta's webhooks, one URL per chat and provider (FEATURES G2, G3): the GET verification handshake
 * (`hub.mode=subscribe`, `hub.verify_token` as set on the connection, `hub.challenge` echoed), and
 * POSTs whose `X-Hub-Signature-256` must be the app secret's HMAC-SHA256 of the raw body (403
 * otherwise, nothing stored). The items are stored once each, then the provider gets its 200 at
 * once; the worker processes them from the database.
 */

const Params = z.object({ chatId: Id });
const Verify = z.object({
  'hub.mode': z.string().optional(),
  'hub.verify_token': z.string().optional(),
  'hub.challenge': z.string().max(CHANNEL_LIMITS.challengeChars).optional(),
});

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

type Parser = (body: unknown) => InboundItem[] | null;
const PARSERS: Record<'whatsapp' | 'messenger', Parser> = {
  whatsapp: (body) => {
    const parsed = WhatsAppBody.safeParse(body);
    return parsed.success ? whatsappItems(parsed.data) : null;
  },
  messenger: (body) => {
    const parsed = MessengerBody.safeParse(body);
    return parsed.success ? messengerItems(parsed.data) : null;
  },
};

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HubError('bad_frame', 'the webhook body is not valid JSON');
  }
}

export function metaWebhooks(
  fastify: FastifyInstance,
  ctx: HubContext,
  provider: 'whatsapp' | 'messenger',
  config: object,
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const path = `/webhooks/${provider}/:chatId`;
  const connection = async (chatId: string) => {
    const found = await loadConnection(ctx.db, ctx.channels.settings.secretKey, chatId, provider);
    if (!found) throw new HubError('not_found', `this chat has no ${provider} connection`);
    return found;
  };

  app.get(path, { config, schema: { params: Params, querystring: Verify } }, async (request, reply) => {
    const conn = await connection(request.params.chatId);
    const q = request.query;
    const challenge = q['hub.challenge'];
    if (q['hub.mode'] !== 'subscribe' || !challenge || !sameText(q['hub.verify_token'] ?? '', conn.verifyToken))
      throw new HubError('forbidden', 'the verification token does not match this connection');
    return reply.type('text/plain; charset=utf-8').send(challenge);
  });

  app.post(path, { config, schema: { params: Params } }, async (request, reply) => {
    const conn = await connection(request.params.chatId);
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = request.headers['x-hub-signature-256'];
    if (!metaSignatureValid(conn.appSecret, raw, typeof header === 'string' ? header : undefined))
      throw new HubError('forbidden', 'the X-Hub-Signature-256 signature is missing or wrong');
    const items = PARSERS[provider](parseJson(raw));
    if (!items) throw new HubError('bad_frame', `the body is not a ${provider} webhook`);
    const added = await storeItems(ctx.db, request.params.chatId, provider, items);
    if (added > 0) ctx.channels.kick();
    return reply.type('text/plain; charset=utf-8').send('EVENT_RECEIVED');
  });
}
