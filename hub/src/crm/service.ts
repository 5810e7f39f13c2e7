import type { CrmAnswer, CrmAnswerFor, CrmRequest, ProductCardPayload, RepProfile } from '#protocol';
import { writeTx } from '../events/log';
import { HubError } from '../inbox/errors';
import { once } from '../inbox/once';
import { postRepMessage } from '../inbox/rep';
import type { Db } from '../storage/db';
import type { RepCall } from './connector';
import { linkContact } from './link';
import { productById } from './products';
import * as reads from './reads';
import * as writes from './writes';

/**
 * Runs one CRM request for a signed-in rep (in their current mode): reads straight from the
 * database, writes inside one log transaction and once per client id (a retry gets the first answer
 * back), sending a product card as a rep reply. Every refusal is a HubError with a protocol code.
 */
type Req<O extends CrmRequest['op']> = Extract<CrmRequest, { op: O }>;

const READS: { [O in CrmRequest['op']]?: (call: RepCall, r: Req<O>) => Promise<CrmAnswerFor<O>> } = {
  card: reads.card,
  contact: reads.contact,
  lookup: reads.lookup,
  contactChats: reads.moreContactChats,
  feed: reads.feed,
  recommendations: reads.recommendations,
  transcript: reads.transcript,
  layouts: reads.layouts,
  leadOptions: reads.leadOptions,
  searchProducts: reads.products,
};

const WRITES: { [O in CrmRequest['op']]?: (call: RepCall, r: Req<O>) => Promise<writes.Written<O>> } = {
  addTag: writes.addTag,
  removeTag: writes.removeTag,
  addNote: writes.addNote,
  addTask: writes.addTask,
  setTaskDone: writes.setTaskDone,
  setPhone: writes.setPhone,
  setField: writes.setField,
  createLead: writes.createLead,
  notifySales: writes.notifySales,
  linkContact,
};

export interface CrmServiceContext {
  db: Db;
  now(): number;
  /** Wakes the event feeds after a write that appended events has committed. */
  committed(): void;
}

export async function handleCrm(ctx: CrmServiceContext, rep: RepProfile, request: CrmRequest): Promise<CrmAnswer> {
  const now = ctx.now();
  if (request.op === 'sendProduct') return sendProduct(ctx, rep, request, now);
  const read = READS[request.op] as ((call: RepCall, r: CrmRequest) => Promise<CrmAnswer>) | undefined;
  if (read) return read({ tx: ctx.db, now, actor: rep }, request);
  const write = WRITES[request.op] as
    ((call: RepCall, r: CrmRequest) => Promise<writes.Written<CrmRequest['op']>>) | undefined;
  if (!write || !('clientId' in request)) throw new HubError('bad_frame', `unknown CRM request ${request.op}`);
  let appended = false;
  const { result } = await writeTx(ctx.db, (tx) =>
    once(tx, `r:${rep.id}`, request.clientId, `crm.${request.op}`, async () => {
      const { answer, events } = await write({ tx, now, actor: rep }, request);
      appended = events.length > 0;
      return answer;
    }),
  );
  if (appended) ctx.committed();
  return result as CrmAnswer;
}

/** E10: the chosen fields of a catalog product, sent as a reply under the same rules as text. */
async function sendProduct(
  ctx: CrmServiceContext,
  rep: RepProfile,
  r: Req<'sendProduct'>,
  now: number,
): Promise<CrmAnswer> {
  const product = await productById(ctx.db, r.productId);
  if (!product) throw new HubError('not_found', 'no such product');
  const pick = new Set(r.fields);
  const card: ProductCardPayload = {
    productId: product.id,
    name: pick.has('name') ? product.name : null,
    price: pick.has('price') ? { amountCents: product.priceCents, currency: product.currency } : null,
    imageUrl: pick.has('image') ? product.imageUrl : null,
    url: pick.has('link') ? product.url : null,
  };
  if (card.name === null && card.imageUrl === null)
    throw new HubError('conflict', 'this product has no image: pick its name too');
  const { message, events } = await postRepMessage(
    ctx.db,
    rep,
    { conversationId: r.conversationId, clientId: r.clientId, text: product.name, product: card },
    now,
  );
  if (events.length > 0) ctx.committed();
  return { op: 'sendProduct', messageId: message.id };
}
