import type { FastifyRequest } from 'fastify';
import * as z from 'zod';
import { SHOP_WEBHOOK_LIMITS, ShopPlatform, ShopWebhookSecret } from '#protocol';
import { applyDelivery, dropShopSecret, setShopSecret, shopSecret, signedBy } from '../../ingest/webhooks';
import { HubError } from '../../inbox/errors';
import { superUser } from './guards';
import type { Routes } from './kit';

/**
 * Shop webhooks (issue 20): a super user sets a chat's secret for WooCommerce or Shopify
 * (`PUT /api/admin/chats/:id/shop-webhooks/:platform`, never read back; `DELETE` stops receiving);
 * the shop posts to `/api/webhooks/:platform/:chatId`. The raw body is read as bytes (the signature
 * is over them), checked before anything is parsed: a missing or wrong signature, or a chat without a
 * secret, is 401 with nothing written. Unhandled topics are acknowledged (200) so the shop stops retrying.
 */

const Params = z.object({ id: z.string().min(1).max(64), platform: ShopPlatform });
const header = (request: FastifyRequest, name: string) => {
  const v = request.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, SHOP_WEBHOOK_LIMITS.deliveryIdChars);
};

/** Shopify's own delivery id; for Woo, the resource's id and modified time (a retry and a resend carry the same). */
function replayKey(request: FastifyRequest, platform: ShopPlatform, topic: string, body: unknown): string {
  if (platform === 'shopify') {
    const id = header(request, 'x-shopify-webhook-id');
    if (!id) throw new HubError('bad_frame', 'X-Shopify-Webhook-Id is missing');
    return id;
  }
  const b = body as { id?: unknown; date_modified_gmt?: unknown };
  if (b && (typeof b.id === 'number' || typeof b.id === 'string') && typeof b.date_modified_gmt === 'string')
    return `${topic}:${b.id}:${b.date_modified_gmt}`;
  const delivery = header(request, 'x-wc-webhook-delivery-id');
  if (!delivery) throw new HubError('bad_frame', 'X-WC-Webhook-Delivery-ID is missing');
  return `delivery:${delivery}`;
}

export const shopWebhookRoutes: Routes = async (app, { ctx }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const admin = superUser(ctx, 'shop webhooks');

  app.put(
    '/api/admin/chats/:id/shop-webhooks/:platform',
    { onRequest: admin, schema: { params: Params } },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new HubError('bad_frame', 'request body is not valid JSON');
      }
      const parsed = ShopWebhookSecret.safeParse(json);
      if (!parsed.success) throw new HubError('bad_frame', `secret: ${parsed.error.issues[0].message}`);
      await setShopSecret(ctx.db, request.params.id, request.params.platform, parsed.data.secret);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/admin/chats/:id/shop-webhooks/:platform',
    { onRequest: admin, schema: { params: Params } },
    async (request, reply) => {
      if (!(await dropShopSecret(ctx.db, request.params.id, request.params.platform)))
        throw new HubError('not_found', 'this chat has no webhook secret for that shop');
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/webhooks/:platform/:id',
    { bodyLimit: SHOP_WEBHOOK_LIMITS.bodyBytes, schema: { params: Params } },
    async (request) => {
      const { id, platform } = request.params;
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // WooCommerce pings a webhook when it is saved, unsigned, with a form body, and saves it only on a 2xx.
      if (platform === 'woocommerce' && /^webhook_id=\d+$/.test(body.toString('utf8').trim()))
        return { result: 'ignored' };
      const secret = await shopSecret(ctx.db, id, platform);
      const signature = header(request, platform === 'shopify' ? 'x-shopify-hmac-sha256' : 'x-wc-webhook-signature');
      if (!secret || !signedBy(secret, body, signature))
        throw new HubError('unauthorized', 'the webhook signature does not match this chat’s secret');
      const topic = header(request, platform === 'shopify' ? 'x-shopify-topic' : 'x-wc-webhook-topic') ?? '';
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw new HubError('bad_frame', 'request body is not valid JSON');
      }
      const result = await applyDelivery(ctx.db, {
        platform,
        chatId: id,
        topic,
        replayKey: replayKey(request, platform, topic, json),
        body: json,
      });
      if (result === 'applied') ctx.committed();
      return { result };
    },
  );
};
