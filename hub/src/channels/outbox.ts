import { CHANNEL_LIMITS, type Conversation } from '#protocol';
import { HubError } from '../inbox/errors';
import type { MessageRow } from '../inbox/rows';
import type { Sql } from '../storage/db';
import { replyWindowClosesAt } from './sender';
import type { OutboundRequest } from './senders/types';

/**
 * A rep's reply on a channel goes into the durable outbox in the transaction that stores it
 * (FEATURES G2): the worker sends it (send.ts), one at a time per conversation in order. Checked
 * first: the chat must still be connected to the provider, and on WhatsApp free text only within 24
 * hours of the customer's last message (a template is allowed any time).
 */

const NAMES = { whatsapp: 'WhatsApp', messenger: 'Messenger', sms: 'SMS' } as const;

export interface ReplyKind {
  template?: OutboundRequest['template'];
  /** A file or product card: not sent on channels (yet). */
  rich?: boolean;
}

/** Throws the reason a reply cannot go out on this conversation's channel; nothing for the web. */
export async function checkReply(
  tx: Sql,
  conv: Pick<Conversation, 'id' | 'chatId' | 'channel'>,
  now: number,
  kind: ReplyKind,
) {
  if (conv.channel === 'web') {
    if (kind.template) throw new HubError('conflict', 'templates are sent on WhatsApp only');
    return;
  }
  const name = NAMES[conv.channel];
  if (kind.rich) throw new HubError('conflict', `files and product cards cannot be sent on ${name} yet; send text`);
  if (kind.template && conv.channel !== 'whatsapp')
    throw new HubError('conflict', 'templates are sent on WhatsApp only');
  const [connected] = await tx.query('select 1 from channel_connections where chat_id = $1 and provider = $2', [
    conv.chatId,
    conv.channel,
  ]);
  if (!connected)
    throw new HubError('conflict', `this chat is no longer connected to ${name}: the reply cannot be sent`);
  if (conv.channel === 'whatsapp' && !kind.template) {
    const [row] = await tx.query<{ last_inbound_at: Date | null }>(
      'select last_inbound_at from conversations where id = $1',
      [conv.id],
    );
    const closes = replyWindowClosesAt('whatsapp', row?.last_inbound_at);
    if (!closes || now >= closes.getTime())
      throw new HubError(
        'conflict',
        `WhatsApp allows free text only within ${CHANNEL_LIMITS.whatsappWindowHours} hours of the customer's last message${closes ? ` (that window closed at ${closes.toISOString()})` : ''}: send an approved template instead`,
      );
  }
}

/** Queues the stored reply for sending; the row as it now stands (delivery `queued`). */
export async function enqueueReply(
  tx: Sql,
  conv: Pick<Conversation, 'id' | 'chatId' | 'channel' | 'visitorId'>,
  row: MessageRow,
  template?: OutboundRequest['template'],
): Promise<MessageRow> {
  const [sender] = await tx.query<{ address: string }>('select address from channel_senders where visitor_id = $1', [
    conv.visitorId,
  ]);
  if (!sender) throw new HubError('conflict', 'this conversation has no channel sender to reply to');
  const to = conv.channel === 'whatsapp' ? sender.address.replace(/^\+/, '') : sender.address;
  const request: OutboundRequest = { to, text: row.text, ...(template ? { template } : {}) };
  await tx.query(
    'insert into channel_outbox (message_id, conversation_id, chat_id, provider, request) values ($1, $2, $3, $4, $5)',
    [row.id, conv.id, conv.chatId, conv.channel, JSON.stringify(request)],
  );
  const [queued] = await tx.query<MessageRow>(
    `update messages set delivery_status = 'queued', template = $2 where id = $1 returning *`,
    [row.id, template ? JSON.stringify({ name: template.name, language: template.language }) : null],
  );
  return queued;
}
