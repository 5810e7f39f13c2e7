import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { Id } from '#protocol';
import { HubError } from '../inbox/errors';
import type { HubContext } from '../transport/context';
import { loadConnection } from './connections';
import { storeItems } from './intake';
import { webhookPath } from './settings';
import { twilioSignatureValid } from './signatures';
import { twilioItems } from './twilio-payload';

/**
 * Twilio's webhook for a chat (FEATURES G4): incoming SMS/MMS and the status callbacks of our replies,
 * form-encoded. `X-Twilio-Signature` must be the auth token's HMAC-SHA1 over the full URL Twilio
 * called — PARLEY_PUBLIC_URL and this path, with any query — and the sorted parameters (403
 * otherwise, nothing stored). Answered with an empty TwiML response: Parley replies through the API.
 */

const Params = z.object({ chatId: Id });
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export function twilioWebhook(fastify: FastifyInstance, ctx: HubContext, config: object): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post('/webhooks/sms/:chatId', { config, schema: { params: Params } }, async (request, reply) => {
    const { chatId } = request.params;
    const conn = await loadConnection(ctx.db, ctx.channels.settings.secretKey, chatId, 'sms');
    if (!conn) throw new HubError('not_found', 'this chat has no SMS connection');
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    const params = new URLSearchParams(raw);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const url = `${ctx.accounts.publicUrl()}${webhookPath('sms', chatId)}${query}`;
    const header = request.headers['x-twilio-signature'];
    if (!twilioSignatureValid(conn.authToken, url, params, typeof header === 'string' ? header : undefined))
      throw new HubError('forbidden', 'the X-Twilio-Signature signature is missing or wrong');
    const items = twilioItems(params, new Date(ctx.now()));
    if (!items) throw new HubError('bad_frame', 'the body is not a Twilio message webhook');
    const added = await storeItems(ctx.db, chatId, 'sms', items);
    if (added > 0) ctx.channels.kick();
    return reply.type('text/xml; charset=utf-8').send(EMPTY_TWIML);
  });
}
