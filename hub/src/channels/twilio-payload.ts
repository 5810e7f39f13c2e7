import type { InboundItem, StatusItem } from './items';

/**
 * Twilio's webhook parameters (form-encoded) turned into items (items.ts): an incoming SMS/MMS
 * (`MessageSid`, `From`, `Body`, `NumMedia`, `MediaUrlN`, `MediaContentTypeN`) or a status callback
 * for one of our replies (`MessageSid`, `MessageStatus`, `ErrorCode`). Null: not a Twilio message
 * webhook (the route answers 400).
 */

const STATUS: Record<string, StatusItem['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

/** Twilio's media limit is 10 per message; more is not a Twilio webhook. */
const MAX_MEDIA = 10;

export function twilioItems(params: URLSearchParams, now: Date): InboundItem[] | null {
  const sid = params.get('MessageSid');
  if (!sid) return null;
  const status = params.get('MessageStatus');
  if (status && status !== 'received') {
    const mapped = STATUS[status];
    if (!mapped) return []; // queued, sending, accepted…: nothing to show
    const code = params.get('ErrorCode');
    return [
      {
        kind: 'status',
        providerId: sid,
        status: mapped,
        errorCode: code || null,
        errorText: params.get('ErrorMessage') || (code ? `Twilio error ${code}` : null),
      },
    ];
  }
  const from = params.get('From');
  const count = Number(params.get('NumMedia') ?? '0');
  if (!from || !Number.isInteger(count) || count < 0 || count > MAX_MEDIA) return null;
  const media = [];
  for (let i = 0; i < count; i++) {
    const url = params.get(`MediaUrl${i}`);
    if (url) media.push({ ref: url, mime: params.get(`MediaContentType${i}`), name: null });
  }
  return [
    {
      kind: 'message',
      providerId: sid,
      from,
      name: params.get('ProfileName') || null,
      at: now.toISOString(),
      text: params.get('Body') ?? '',
      media,
    },
  ];
}
