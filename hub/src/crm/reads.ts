import {
  CRM_LIMITS,
  LIMITS,
  type CardAnswerBody,
  type ContactCard,
  type Conversation,
  type CrmAnswerFor,
  type CrmRequest,
  type RepProfile,
} from '#protocol';
import { HubError } from '../inbox/errors';
import { toMessage, type MessageRow } from '../inbox/rows';
import type { Sql } from '../storage/db';
import { canEditAs, canLinkAs, canReadContact, requireContact, visibleConversation } from './access';
import type { ContactAccessInfo, RepCall } from './connector';
import { conversationRecord } from './identity';
import { contactChats } from './contact-chats';
import { listPools } from './pools';
import { searchProducts } from './products';
import { crmConnector } from './registry';
import { abandonedCart, browsedProducts, lastVisit, openCart, sameVisitors } from './tracking';

/** The CRM requests that only read (FEATURES E1–E4, E9–E12). */

type Req<O extends CrmRequest['op']> = Extract<CrmRequest, { op: O }>;
type Read<O extends CrmRequest['op']> = (call: RepCall, r: Req<O>) => Promise<CrmAnswerFor<O>>;

/** The conversation (if this rep can see it) and the record it belongs to, if any (E1, identity.ts). */
async function visitorOf(call: RepCall, conversationId: string) {
  const conv = await visibleConversation(call.tx, call.actor, conversationId);
  return { conv, ...(await conversationRecord(call, conv)) };
}

/** The connector's card, with the widget-tracked cart merged in and whether this rep may edit. */
async function fullCard(call: RepCall, contactId: string, visitorIds: string[]): Promise<ContactCard> {
  const card = await crmConnector().card(call, contactId);
  const since = call.now - CRM_LIMITS.cartWindowHours * 3_600_000;
  const tracked = (await openCart(call.tx, visitorIds)).lines.filter(
    (l) => Date.parse(l.addedAt) > since && !card.cart.some((c) => c.product.id === l.product.id),
  );
  return { ...card, cart: [...tracked, ...card.cart], canEdit: canEditAs(call.actor) };
}

/** A record's visitors: those who verified its email, and those of conversations linked to it (issue 14). */
async function visitorsOfRecord(tx: Sql, info: ContactAccessInfo): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `select id from visitors where $1::text is not null and email = $1 and email_verified
     union select visitor_id from conversations where contact_id = $2`,
    [info.email, info.id],
  );
  return rows.map((r) => r.id);
}

export const card: Read<'card'> = async (call, r) => {
  const { conv, visitor, contactId, suggestionId } = await visitorOf(call, r.conversationId);
  let result: CardAnswerBody;
  if (contactId) {
    result = { status: 'matched', card: await fullCard(call, contactId, await sameVisitors(call.tx, conv.visitorId)) };
  } else {
    const [last] = await call.tx.query<{ page_url: string | null }>(
      `select page_url from messages where conversation_id = $1 and page_url is not null order by created_at desc, id desc limit 1`,
      [conv.id],
    );
    const suggestion = suggestionId ? await crmConnector().contactInfo(call, suggestionId) : null;
    result = {
      status: 'anonymous',
      known: {
        name: visitor.name,
        email: visitor.email,
        emailVerified: visitor.emailVerified,
        phone: visitor.phone,
        lastPageUrl: last?.page_url ?? null,
      },
      // A record with this email exists (the suggestion): link it after a check instead.
      canCreateLead: !!visitor.email && !suggestion && canEditAs(call.actor),
      suggestion: suggestion ? { contactId: suggestion.id, name: suggestion.name } : null,
      canLink: !!suggestion && canLinkAs(call.actor, conv),
    };
  }
  return { op: 'card', result };
};

export const contact: Read<'contact'> = async (call, r) => {
  const info = await requireContact(call.tx, call.actor, await crmConnector().contactInfo(call, r.contactId), false);
  return { op: 'contact', card: await fullCard(call, info.id, await visitorsOfRecord(call.tx, info)) };
};

/** E12: on a CRM page showing this email — the record (if this rep may read it) and the first page of the chats with it they may see. */
export const lookup: Read<'lookup'> = async (call, r) => {
  const info = await recordByEmail(call, r.email);
  const readable = !!info && (await canReadContact(call.tx, call.actor, info));
  return {
    op: 'lookup',
    card: readable && info ? await fullCard(call, info.id, await visitorsOfRecord(call.tx, info)) : null,
    ...(await contactChats(call.tx, call.actor, r.email, info?.id ?? null, readable, null)),
  };
};

/** E12: the next page of those chats. */
export const moreContactChats: Read<'contactChats'> = async (call, r) => {
  const info = await recordByEmail(call, r.email);
  const readable = !!info && (await canReadContact(call.tx, call.actor, info));
  return {
    op: 'contactChats',
    ...(await contactChats(call.tx, call.actor, r.email, info?.id ?? null, readable, r.before)),
  };
};

async function recordByEmail(call: RepCall, email: string) {
  const id = await crmConnector().match(call, { email, phone: null });
  return id ? crmConnector().contactInfo(call, id) : null;
}

export const feed: Read<'feed'> = async (call, r) => {
  await requireContact(call.tx, call.actor, await crmConnector().contactInfo(call, r.contactId), false);
  const items = await crmConnector().feed(call, r.contactId, r.types, r.before, CRM_LIMITS.feedPage + 1);
  const page = items.slice(0, CRM_LIMITS.feedPage);
  const last = page[page.length - 1];
  return {
    op: 'feed',
    items: page.map(({ position: _position, ...item }) => item),
    next: items.length > CRM_LIMITS.feedPage && last ? { at: last.position, id: last.id } : null,
  };
};

export const recommendations: Read<'recommendations'> = async (call, r) => {
  const { conv, contactId } = await visitorOf(call, r.conversationId);
  const visitors = await sameVisitors(call.tx, conv.visitorId);
  const seeds = await browsedProducts(call.tx, visitors, call.now);
  return {
    op: 'recommendations',
    lastVisit: await lastVisit(call.tx, visitors),
    abandonedCart: await abandonedCart(call.tx, visitors, call.now),
    recommended: await crmConnector().recommend(call, {
      contactId,
      seedProductIds: seeds,
      limit: CRM_LIMITS.recommendations,
    }),
  };
};

/** E9: the whole transcript behind a feed item — for whoever may read a record the conversation's visitor matches, or see the conversation. */
export const transcript: Read<'transcript'> = async (call, r) => {
  const [conv] = await call.tx.query<{ visitor_id: string; channel: Conversation['channel'] }>(
    'select visitor_id, channel from conversations where id = $1',
    [r.conversationId],
  );
  if (!conv) throw new HubError('not_found', 'no such conversation');
  const allowed = await visibleConversation(call.tx, call.actor, r.conversationId).then(
    () => true,
    () => false,
  );
  if (!allowed) {
    // Through the record it belongs to; an email the visitor only typed opens no one's transcript.
    const { contactId: id } = await conversationRecord(call, {
      id: r.conversationId,
      visitorId: conv.visitor_id,
      channel: conv.channel,
    });
    const info = id ? await crmConnector().contactInfo(call, id) : null;
    if (!info || !(await canReadContact(call.tx, call.actor, info)))
      throw new HubError('not_found', 'no such conversation');
  }
  const rows = await call.tx.query<MessageRow>(
    `select * from (select * from messages where conversation_id = $1 order by created_at desc, id desc limit $2) m order by created_at, id`,
    [r.conversationId, LIMITS.repHistory],
  );
  return { op: 'transcript', conversationId: r.conversationId, messages: rows.map(toMessage) };
};

export const layouts: Read<'layouts'> = async (call) => ({
  op: 'layouts',
  layouts: await crmConnector().layouts(call),
});

export const leadOptions: Read<'leadOptions'> = async (call) => {
  const owners = await call.tx.query<{
    id: string;
    name: string;
    extension: string | null;
    status: RepProfile['status'];
  }>(
    `select id, name, extension, status from reps where role <> 'observer' and deleted_at is null and disabled_at is null order by name, id`,
  );
  return { op: 'leadOptions', owners, pools: await listPools(call.tx) };
};

export const products: Read<'searchProducts'> = async (call, r) => ({
  op: 'searchProducts',
  ...(await searchProducts(call.tx, r)),
});
