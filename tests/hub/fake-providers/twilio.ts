import { createHmac } from 'node:crypto';
import { json, startLoopback, type Loopback } from './loopback';
import { mediaPath, serveMedia, type MediaFile } from './media';

/**
 * A fake Twilio on loopback: `POST /2010-04-01/Accounts/{sid}/Messages.json` with basic auth (answers
 * an `SM` SID; or Twilio's error body when told to refuse) and MMS media at `/media/:id`, also behind
 * basic auth. It posts webhooks to the hub as Twilio does: form-encoded, `X-Twilio-Signature` the
 * auth token's base64 HMAC-SHA1 of the full URL and the sorted parameters.
 */

export interface FakeTwilio extends Loopback {
  media: Map<string, MediaFile>;
  refuseWith: { status: number; code: number; message: string } | null;
  mediaUrl(id: string): string;
  sent(): { to: string; from: string; body: string; statusCallback: string | null; sid: string }[];
}

export async function startFakeTwilio(accountSid: string, authToken: string): Promise<FakeTwilio> {
  let next = 0;
  const sent: ReturnType<FakeTwilio['sent']> = [];
  const media = new Map<string, MediaFile>();
  // Set by the test on the returned object: the handler reads it there, at each call.
  const fake: { self?: FakeTwilio } = {};
  const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const server = await startLoopback((call, res) => {
    if (call.headers.authorization !== expected)
      return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
    if (call.method === 'POST' && call.path === `/2010-04-01/Accounts/${accountSid}/Messages.json`) {
      const refuseWith = fake.self?.refuseWith;
      if (refuseWith)
        return json(res, refuseWith.status, {
          code: refuseWith.code,
          message: refuseWith.message,
          status: refuseWith.status,
        });
      const form = new URLSearchParams(call.body);
      const sid = `SMfake${String(++next).padStart(28, '0')}`;
      sent.push({
        to: form.get('To')!,
        from: form.get('From')!,
        body: form.get('Body')!,
        statusCallback: form.get('StatusCallback'),
        sid,
      });
      return json(res, 201, {
        sid,
        status: 'queued',
        to: form.get('To'),
        from: form.get('From'),
        body: form.get('Body'),
      });
    }
    if (
      serveMedia(call.path, media, res, { code: 20404, message: 'The requested resource was not found', status: 404 })
    )
      return;
    json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
  });
  fake.self = Object.assign(server, {
    refuseWith: null,
    media,
    sent: () => sent,
    mediaUrl: (id: string) => `${server.url}${mediaPath(id)}`,
  });
  return fake.self;
}

/** Twilio's signature of a webhook: base64 HMAC-SHA1 of the URL and each parameter (sorted by name) as name+value. */
export function twilioSign(authToken: string, url: string, params: Record<string, string>): string {
  const signed =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', authToken).update(signed).digest('base64');
}

/** Posts a webhook to the hub as Twilio does; `signature`: override (wrong, or null for none). */
export function postTwilioWebhook(
  hubUrl: string,
  publicUrl: string,
  authToken: string,
  params: Record<string, string>,
  signature?: string | null,
  rawBody?: string,
) {
  const sig = signature === undefined ? twilioSign(authToken, publicUrl, params) : signature;
  return fetch(hubUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(sig === null ? {} : { 'x-twilio-signature': sig }),
    },
    body: rawBody ?? new URLSearchParams(params).toString(),
  });
}
