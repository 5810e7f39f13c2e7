import { call, jsonOf, ProviderError, refusal } from './http';
import type { ProviderApi } from './types';

/**
 * Twilio Programmable Messaging (FEATURES G4): `POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded, basic auth (account SID, auth token), with our webhook as the status callback; MMS
 * media at the URLs the webhook gave, fetched with the same basic auth.
 */

const basic = (sid: string, token: string) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;

/** Twilio's error body: `{ code, message, status }`. */
function twilioError(body: unknown): { code: string | null; text: string | null } {
  const b = body as { code?: unknown; message?: unknown } | null;
  return {
    code: b?.code !== undefined && b?.code !== null ? String(b.code) : null,
    text: typeof b?.message === 'string' ? b.message : null,
  };
}

export const twilioApi: ProviderApi<'sms'> = {
  async send(settings, conn, request) {
    if (request.template) throw new ProviderError('SMS has no message templates', false);
    const url = `${settings.apiBase.twilio}/2010-04-01/Accounts/${encodeURIComponent(conn.accountSid)}/Messages.json`;
    const form = new URLSearchParams({ To: request.to, From: conn.fromNumber, Body: request.text });
    if (request.statusCallback) form.set('StatusCallback', request.statusCallback);
    const res = await call(url, {
      method: 'POST',
      headers: {
        authorization: basic(conn.accountSid, conn.authToken),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form.toString(),
    });
    if (!res.ok) throw await refusal(res, twilioError);
    const { sid } = await jsonOf<{ sid?: string }>(res);
    if (!sid) throw new ProviderError('Twilio answered without a message SID', true);
    return sid;
  },

  async fetchMedia(_settings, conn, media) {
    const res = await call(media.ref, { headers: { authorization: basic(conn.accountSid, conn.authToken) } });
    if (!res.ok || !res.body) throw await refusal(res, twilioError);
    return { body: res.body, declaredLength: Number(res.headers.get('content-length')) || null };
  },
};
