import * as z from 'zod';
import type { InboundItem, MediaRef, MessageItem } from './items';
import { locationText } from './items';

/**
 * Meta's webhook bodies (WhatsApp Cloud API, Messenger Platform) turned into items (items.ts). Only
 * the fields the hub uses are checked; anything else in them is ignored, as Meta adds fields over
 * time. A body that is not of this shape is refused (400), a message of a kind the hub does not
 * handle is kept as a line saying so, so nothing the customer sent is silently lost.
 */

const Media = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  filename: z.string().optional(),
  caption: z.string().optional(),
});
const Location = z.object({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
});
const WaMessage = z.object({
  from: z.string().min(1),
  id: z.string().min(1),
  timestamp: z.string().regex(/^\d+$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
  audio: Media.optional(),
  location: Location.optional(),
});
const WaStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  errors: z
    .array(z.object({ code: z.number(), title: z.string().optional(), message: z.string().optional() }))
    .optional(),
});
export const WhatsAppBody = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            contacts: z
              .array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() }))
              .optional(),
            messages: z.array(WaMessage).optional(),
            statuses: z.array(WaStatus).optional(),
          }),
        }),
      ),
    }),
  ),
});

const STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
const knownStatus = (s: string): s is (typeof STATUSES)[number] => (STATUSES as readonly string[]).includes(s);

function waMessage(m: z.infer<typeof WaMessage>, name: string | null): MessageItem {
  const base = {
    kind: 'message' as const,
    providerId: m.id,
    from: m.from,
    name,
    at: new Date(Number(m.timestamp) * 1000).toISOString(),
  };
  const media = (x: z.infer<typeof Media>): MediaRef => ({
    ref: x.id,
    mime: x.mime_type ?? null,
    name: x.filename ?? null,
  });
  if (m.type === 'text' && m.text) return { ...base, text: m.text.body, media: [] };
  if (m.type === 'location' && m.location) return { ...base, text: locationText(m.location), media: [] };
  const file =
    m.type === 'image' ? m.image : m.type === 'document' ? m.document : m.type === 'audio' ? m.audio : undefined;
  if (file) return { ...base, text: file.caption ?? '', media: [media(file)] };
  return { ...base, text: `(a ${m.type} message, which Parley does not show)`, media: [] };
}

export function whatsappItems(body: z.infer<typeof WhatsAppBody>): InboundItem[] {
  const items: InboundItem[] = [];
  for (const entry of body.entry)
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const names = new Map(change.value.contacts?.map((c) => [c.wa_id, c.profile?.name ?? null]));
      for (const m of change.value.messages ?? []) items.push(waMessage(m, names.get(m.from) ?? null));
      for (const s of change.value.statuses ?? []) {
        if (!knownStatus(s.status)) continue;
        const error = s.errors?.[0];
        items.push({
          kind: 'status',
          providerId: s.id,
          status: s.status,
          errorCode: error ? String(error.code) : null,
          errorText: error ? (error.message ?? error.title ?? null) : null,
        });
      }
    }
  return items;
}

const Attachment = z.object({
  type: z.string(),
  payload: z
    .object({ url: z.string().optional(), coordinates: z.object({ lat: z.number(), long: z.number() }).optional() })
    .nullish(),
});
export const MessengerBody = z.object({
  object: z.literal('page'),
  entry: z.array(
    z.object({
      messaging: z
        .array(
          z.object({
            sender: z.object({ id: z.string().min(1) }),
            timestamp: z.number(),
            message: z
              .object({
                mid: z.string().min(1),
                text: z.string().optional(),
                is_echo: z.boolean().optional(),
                attachments: z.array(Attachment).optional(),
              })
              .optional(),
            delivery: z.object({ mids: z.array(z.string()).optional() }).optional(),
          }),
        )
        .optional(),
    }),
  ),
});

export function messengerItems(body: z.infer<typeof MessengerBody>): InboundItem[] {
  const items: InboundItem[] = [];
  for (const entry of body.entry)
    for (const event of entry.messaging ?? []) {
      const m = event.message;
      if (m && !m.is_echo) {
        const files = (m.attachments ?? []).filter((a) => a.payload?.url && a.type !== 'location');
        const place = m.attachments?.find((a) => a.type === 'location')?.payload?.coordinates;
        const text = place ? locationText({ latitude: place.lat, longitude: place.long }) : (m.text ?? '');
        items.push({
          kind: 'message',
          providerId: m.mid,
          from: event.sender.id,
          name: null,
          at: new Date(event.timestamp).toISOString(),
          text,
          media: files.map((a) => ({ ref: a.payload!.url!, mime: null, name: null })),
        });
      }
      for (const mid of event.delivery?.mids ?? [])
        items.push({ kind: 'status', providerId: mid, status: 'delivered', errorCode: null, errorText: null });
    }
  return items;
}
