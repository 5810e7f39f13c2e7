import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { json, startLoopback, type Call, type Loopback } from './loopback';
import { mediaPath, serveMedia, type MediaFile } from './media';

/**
 * A fake WhatsApp Cloud API on loopback: `POST /{version}/{phone-number-id}/messages` (answers a
 * `wamid.` id; or a 4xx when told to refuse), `GET /{version}/{media-id}` (the media's URL, here)
 * and that URL (the bytes, with the access token checked). It also posts webhooks to the hub as
 * Meta does: the JSON body signed with the app secret in `X-Hub-Signature-256`.
 */

export interface FakeWhatsApp extends Loopback {
  media: Map<string, MediaFile>;
  /** The next sends answer this error (Meta's shape) instead of sending. */
  refuseWith: { status: number; code: number; message: string } | null;
  /** The texts (or template names) sent, in the order the API received them. */
  sent(): { to: string; text: string | null; template: string | null; id: string }[];
}

export async function startFakeWhatsApp(accessToken: string): Promise<FakeWhatsApp> {
  let next = 0;
  const sent: ReturnType<FakeWhatsApp['sent']> = [];
  const media = new Map<string, MediaFile>();
  // Set by the test on the returned object: the handler reads it there, at each call.
  const fake: { self?: FakeWhatsApp } = {};
  const authorized = (call: Call, res: ServerResponse) => {
    if (call.headers.authorization === `Bearer ${accessToken}`) return true;
    json(res, 401, { error: { message: 'Invalid OAuth access token.', code: 190 } });
    return false;
  };
  const server = await startLoopback((call, res) => {
    if (!authorized(call, res)) return;
    const send = /^\/v[\d.]+\/([^/]+)\/messages$/.exec(call.path);
    if (call.method === 'POST' && send) {
      const refuseWith = fake.self?.refuseWith;
      if (refuseWith)
        return json(res, refuseWith.status, {
          error: { message: refuseWith.message, code: refuseWith.code },
        });
      const body = JSON.parse(call.body);
      const id = `wamid.fake${++next}`;
      sent.push({ to: body.to, text: body.text?.body ?? null, template: body.template?.name ?? null, id });
      return json(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id }],
      });
    }
    if (serveMedia(call.path, media, res, { error: { message: 'no such media', code: 100 } })) return;
    const info = /^\/v[\d.]+\/([^/?]+)$/.exec(call.path);
    if (call.method === 'GET' && info) {
      const id = decodeURIComponent(info[1]);
      const found = media.get(id);
      if (!found) return json(res, 404, { error: { message: 'no such media', code: 100 } });
      return json(res, 200, {
        url: `${server.url}${mediaPath(id)}`,
        mime_type: found.mime,
        id,
        messaging_product: 'whatsapp',
      });
    }
    json(res, 404, { error: { message: `unknown path ${call.path}`, code: 803 } });
  });
  fake.self = Object.assign(server, { refuseWith: null, media, sent: () => sent });
  return fake.self;
}

/** Posts a webhook to the hub as Meta does; `signature`: override (wrong or missing) for refusal tests. */
export function postMetaWebhook(url: string, appSecret: string, body: unknown, signature?: string | null) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const sig =
    signature === undefined ? `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}` : signature;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sig === null ? {} : { 'x-hub-signature-256': sig }) },
    body: raw,
  });
}

type WaMessage = Record<string, unknown> & { from: string; id: string };

/** A WhatsApp webhook body around one `messages` change value. */
function waEnvelope(value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA_ID',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: 'PHONE_ID' },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A WhatsApp `messages` webhook body with these messages from one contact. */
export const waMessages = (contact: { waId: string; name: string }, messages: WaMessage[]) =>
  waEnvelope({ contacts: [{ profile: { name: contact.name }, wa_id: contact.waId }], messages });

export const waText = (from: string, id: string, body: string, at = Math.floor(Date.now() / 1000)) => ({
  from,
  id,
  timestamp: String(at),
  type: 'text',
  text: { body },
});

/** A WhatsApp status webhook body for one of our messages; `error` for a failure. */
export const waStatus = (id: string, status: string, error?: { code: number; title: string; message: string }) =>
  waEnvelope({
    statuses: [
      {
        id,
        status,
        timestamp: String(Math.floor(Date.now() / 1000)),
        recipient_id: '0',
        ...(error ? { errors: [error] } : {}),
      },
    ],
  });
