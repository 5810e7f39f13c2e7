import {
  CRM_LIMITS,
  LIMITS,
  type CardAnswerBody,
  type ContactCard,
  type CrmAnswerFor,
  type CrmRequest,
  type RepProfile,
} from '#protocol';
import { HubError } from '../inbox/errors';
import { toMessage, type MessageRow } from '../inbox/rows';
import type { Sql } from '../storage/db';
import { canEditAs, canReadContact, requireContact, visibleConversation } from './access';
import type { RepCall } from './connector';
import { contactChats } from './contact-chats';
import { listPools } from './pools';
import { searchProducts } from './products';
import { crmConnector } from './registry';
import { abandonedCart, browsedProducts, lastVisit, openCart, sameVisitors } from './tracking';

/** The CRM requests that only read (FEATURES E1–E4, E9–E12). */

type Req<O extends CrmRequest['op']> = Extract<CrmRequest, { op: O }>;
type Read<O extends CrmRequest['op']> = (call: RepCall, r: Req<O>) => Promise<CrmAnswerFor<O>>;

/** The visitor behind a conversation and the record they match, if any (E1). */
async function visitorOf(call: RepCall, conversationId: string) {
  const conv = await visibleConversation(call.tx, call.actor, conversationId);
  const [visitor] = await call.tx.query<{ email: string | null; phone: string | null; name: string | null }>(
    'select email, phone, name from visitors where id = $1',
    [conv.visitorId],
  );
  // Phones identify people on messaging channels only; a web visitor's typed phone proves nothing.
  const contactId = await crmConnector().match(call, {
    email: visitor?.email ?? null,
    phone: conv.channel === 'web' ? null : (visitor?.phone ?? null),
  });
  return { conv, visitor, contactId };
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

async function visitorsWithEmail(tx: Sql, email: string | null): Promise<string[]> {
  if (!email) return [];
  return (await tx.query<{ id: string }>('select id from visitors where email = $1', [email])).map((r) => r.id);
}

export const card: Read<'card'> = async (call, r) => {
  const { conv, visitor, contactId } = await visitorOf(call, r.conversationId);
  let result: CardAnswerBody;
  if (contactId) {
    result = { status: 'matched', card: await fullCard(call, contactId, await sameVisitors(call.tx, conv.visitorId)) };
  } else {
    const [last] = await call.tx.query<{ page_url: string | null }>(
      `select page_url from messages where conversation_id = $1 and page_url is not null order by created_at desc, id desc limit 1`,
      [conv.id],
    );
    result = {
      status: 'anonymous',
      known: {
        name: visitor?.name ?? null,
        email: visitor?.email ?? null,
        phone: visitor?.phone ?? null,
        lastPageUrl: last?.page_url ?? null,
      },
      canCreateLead: !!visitor?.email && canEditAs(call.actor),
    };
  }
  return { op: 'card', result };
};

export const contact: Read<'contact'> = async (call, r) => {
  const info = await requireContact(call.tx, call.actor, await crmConnector().contactInfo(call, r.contactId), false);
  return { op: 'contact', card: await fullCard(call, info.id, await visitorsWithEmail(call.tx, info.email)) };
};

/** E12: on a CRM page showing this email — the record (if this rep may read it) and the first page of the chats with it they may see. */
export const lookup: Read<'lookup'> = async (call, r) => {
  const info = await recordByEmail(call, r.email);
  const readable = !!info && (await canReadContact(call.tx, call.actor, info));
  return {
    op: 'lookup',
    card: readable && info ? await fullCard(call, info.id, await visitorsWithEmail(call.tx, info.email)) : null,
    ...(await contactChats(call.tx, call.actor, r.email, readable, null)),
  };
};

/** E12: the next page of those chats. */
export const moreContactChats: Read<'contactChats'> = async (call, r) => {
  const info = await recordByEmail(call, r.email);
  const readable = !!info && (await canReadContact(call.tx, call.actor, info));
  return { op: 'contactChats', ...(await contactChats(call.tx, call.actor, r.email, readable, r.before)) };
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
    items: page,
    next: items.length > CRM_LIMITS.feedPage && last ? { at: last.at, id: last.id } : null,
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
  const [conv] = await call.tx.query<{ visitor_id: string; channel: string }>(
    'select visitor_id, channel from conversations where id = $1',
    [r.conversationId],
  );
  if (!conv) throw new HubError('not_found', 'no such conversation');
  const allowed = await visibleConversation(call.tx, call.actor, r.conversationId).then(
    () => true,
    () => false,
  );
  if (!allowed) {
    const [visitor] = await call.tx.query<{ email: string | null; phone: string | null }>(
      'select email, phone from visitors where id = $1',
      [conv.visitor_id],
    );
    const id = await crmConnector().match(call, {
      email: visitor?.email ?? null,
      phone: conv.channel === 'web' ? null : (visitor?.phone ?? null),
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
