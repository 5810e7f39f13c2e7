import { call, jsonOf, ProviderError, refusal } from './http';
import { metaError } from './meta-errors';
import type { ProviderApi } from './types';

/**
 * Messenger Send API (FEATURES G3): `POST /{version}/{page-id}/messages` with the page token as a
 * bearer, a RESPONSE to the person's page-scoped id; a customer's file is at the URL the webhook gave.
 */
export const messengerApi: ProviderApi<'messenger'> = {
  async send(settings, conn, request) {
    if (request.template) throw new ProviderError('Messenger has no message templates', false);
    const url = `${settings.apiBase.meta}/${settings.graphVersion}/${encodeURIComponent(conn.pageId)}/messages`;
    const res = await call(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${conn.pageToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        recipient: { id: request.to },
        messaging_type: 'RESPONSE',
        message: { text: request.text },
      }),
    });
    if (!res.ok) throw await refusal(res, metaError);
    const { message_id: id } = await jsonOf<{ message_id?: string }>(res);
    if (!id) throw new ProviderError('Messenger answered without a message id', true);
    return id;
  },

  async fetchMedia(_settings, _conn, media) {
    const res = await call(media.ref, {});
    if (!res.ok || !res.body) throw await refusal(res, metaError);
    return { body: res.body, declaredLength: Number(res.headers.get('content-length')) || null };
  },
};
