import { json, startLoopback, type Loopback } from './loopback';
import { mediaPath, serveMedia, type MediaFile } from './media';

/**
 * A fake Messenger Send API on loopback: `POST /{version}/{page-id}/messages` with the page token as
 * a bearer (answers a `m_` message id) and attachments at `/media/:id`, unauthenticated like Meta's
 * CDN URLs. Its webhooks are Meta's: sign them with `postMetaWebhook` (whatsapp.ts).
 */

export interface FakeMessenger extends Loopback {
  media: Map<string, MediaFile>;
  mediaUrl(id: string): string;
  sent(): { to: string; text: string; id: string }[];
}

export async function startFakeMessenger(pageToken: string): Promise<FakeMessenger> {
  let next = 0;
  const sent: ReturnType<FakeMessenger['sent']> = [];
  const media = new Map<string, MediaFile>();
  const server = await startLoopback((call, res) => {
    if (serveMedia(call.path, media, res, { error: { message: 'no such attachment', code: 100 } })) return;
    if (call.headers.authorization !== `Bearer ${pageToken}`)
      return json(res, 401, { error: { message: 'Invalid OAuth access token.', code: 190 } });
    if (call.method === 'POST' && /^\/v[\d.]+\/[^/]+\/messages$/.test(call.path)) {
      const body = JSON.parse(call.body);
      const id = `m_fake${++next}`;
      sent.push({ to: body.recipient.id, text: body.message.text, id });
      return json(res, 200, { recipient_id: body.recipient.id, message_id: id });
    }
    json(res, 404, { error: { message: `unknown path ${call.path}`, code: 803 } });
  });
  return Object.assign(server, { media, sent: () => sent, mediaUrl: (id: string) => `${server.url}${mediaPath(id)}` });
}

/** A Messenger webhook body: one text message from this page-scoped id. */
export const messengerText = (psid: string, mid: string, text: string) => ({
  object: 'page',
  entry: [
    {
      id: 'PAGE_ID',
      time: Date.now(),
      messaging: [
        { sender: { id: psid }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), message: { mid, text } },
      ],
    },
  ],
});
