import { call, jsonOf, ProviderError, refusal } from './http';
import { metaError } from './meta-errors';
import type { ProviderApi } from './types';

/**
 * WhatsApp Cloud API (FEATURES G2): `POST /{version}/{phone-number-id}/messages` with the access token
 * as a bearer, free text or an approved template; media by id, `GET /{version}/{media-id}` for its
 * URL, then that URL with the same token.
 */
export const whatsappApi: ProviderApi<'whatsapp'> = {
  async send(settings, conn, request) {
    const url = `${settings.apiBase.meta}/${settings.graphVersion}/${encodeURIComponent(conn.phoneNumberId)}/messages`;
    const body = request.template
      ? {
          type: 'template',
          template: {
            name: request.template.name,
            language: { code: request.template.language },
            components: request.template.params.length
              ? [{ type: 'body', parameters: request.template.params.map((text) => ({ type: 'text', text })) }]
              : [],
          },
        }
      : { type: 'text', text: { body: request.text, preview_url: false } };
    const res = await call(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', to: request.to, ...body }),
    });
    if (!res.ok) throw await refusal(res, metaError);
    const answer = await jsonOf<{ messages?: { id?: string }[] }>(res);
    const id = answer.messages?.[0]?.id;
    if (!id) throw new ProviderError('WhatsApp answered without a message id', true);
    return id;
  },

  async fetchMedia(settings, conn, media) {
    const auth = { authorization: `Bearer ${conn.accessToken}` };
    const info = await call(`${settings.apiBase.meta}/${settings.graphVersion}/${encodeURIComponent(media.ref)}`, {
      headers: auth,
    });
    if (!info.ok) throw await refusal(info, metaError);
    const { url } = await jsonOf<{ url?: string }>(info);
    if (!url) throw new ProviderError('WhatsApp gave no URL for the media', false);
    const res = await call(url, { headers: auth });
    if (!res.ok || !res.body) throw await refusal(res, metaError);
    return { body: res.body, declaredLength: Number(res.headers.get('content-length')) || null };
  },
};
