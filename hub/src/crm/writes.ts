import type { CrmAnswerFor, CrmNotification, CrmRequest, PersonRef } from '#protocol';
import { appendEvent, type StoredEvent } from '../events/log';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import { requireContact, visibleConversation } from './access';
import type { RepCall } from './connector';
import { linkConversation } from './identity';
import { newId } from '../storage/ids';
import { claimPoolTurn } from './pools';
import { crmConnector } from './registry';

/**
 * The CRM requests that change a record (FEATURES E2, E5–E7). Each runs inside the hub's transaction,
 * once per client id (see service.ts); a refusal throws and changes nothing.
 */
type Req<O extends CrmRequest['op']> = Extract<CrmRequest, { op: O }>;
export type Written<O extends CrmRequest['op']> = { answer: CrmAnswerFor<O>; events: StoredEvent[] };
export type Write<O extends CrmRequest['op']> = (call: RepCall, r: Req<O>) => Promise<Written<O>>;

const editable = async (call: RepCall, contactId: string) =>
  requireContact(call.tx, call.actor, await crmConnector().contactInfo(call, contactId), true);

export const addTag: Write<'addTag'> = async (call, r) => {
  await editable(call, r.contactId);
  return { answer: { op: 'addTag', tags: await crmConnector().addTag(call, r.contactId, r.tag) }, events: [] };
};

export const removeTag: Write<'removeTag'> = async (call, r) => {
  await editable(call, r.contactId);
  return { answer: { op: 'removeTag', tags: await crmConnector().removeTag(call, r.contactId, r.tag) }, events: [] };
};

export const addNote: Write<'addNote'> = async (call, r) => {
  await editable(call, r.contactId);
  return {
    answer: { op: 'addNote', note: await crmConnector().addNote(call, r.contactId, { kind: 'note', text: r.text }) },
    events: [],
  };
};

export const addTask: Write<'addTask'> = async (call, r) => {
  await editable(call, r.contactId);
  return {
    answer: {
      op: 'addTask',
      task: await crmConnector().addTask(call, r.contactId, {
        title: r.title,
        assigneeId: r.assigneeId,
        dueDate: r.dueDate,
      }),
    },
    events: [],
  };
};

export const setTaskDone: Write<'setTaskDone'> = async (call, r) => {
  const contactId = await crmConnector().taskContact(call, r.taskId);
  if (!contactId) throw new HubError('not_found', 'no such task');
  await editable(call, contactId);
  return { answer: { op: 'setTaskDone', task: await crmConnector().setTaskDone(call, r.taskId, r.done) }, events: [] };
};

export const setPhone: Write<'setPhone'> = async (call, r) => {
  await editable(call, r.contactId);
  return { answer: { op: 'setPhone', contact: await crmConnector().setPhone(call, r.contactId, r.phone) }, events: [] };
};

export const setField: Write<'setField'> = async (call, r) => {
  await editable(call, r.contactId);
  return {
    answer: { op: 'setField', fields: await crmConnector().setCustomField(call, r.contactId, r.key, r.value) },
    events: [],
  };
};

/** A notification for one rep only, in the log so it reaches them even if they are offline now (E6). */
export async function notify(
  tx: Sql,
  chatId: string,
  to: string,
  n: Omit<CrmNotification, 'id' | 'createdAt'>,
  now: number,
): Promise<StoredEvent> {
  const notification: CrmNotification = { ...n, id: newId('cn'), createdAt: new Date(now).toISOString() };
  return appendEvent(
    tx,
    { kind: 'crm.notification', chatId, notification },
    { conversationId: n.conversationId, audience: [to] },
  );
}

/** E5: from the conversation's visitor (who gave an email), to a chosen owner or the pool's next member. */
export const createLead: Write<'createLead'> = async (call, r) => {
  const conv = await visibleConversation(call.tx, call.actor, r.conversationId);
  if (call.actor.role === 'observer' || (call.actor.role === 'rep' && conv.ownerId !== call.actor.id)) {
    throw new HubError('forbidden', 'only the rep answering this conversation can create a lead from it');
  }
  const [visitor] = await call.tx.query<{ email: string | null; name: string | null }>(
    'select email, name from visitors where id = $1',
    [conv.visitorId],
  );
  if (!visitor?.email) throw new HubError('conflict', 'the visitor has not given an email yet');
  let owner: PersonRef;
  let pool: PersonRef | null = null;
  if (r.assign.kind === 'owner') {
    const [rep] = await call.tx.query<PersonRef>(
      `select id, name from reps where id = $1 and role <> 'observer' and deleted_at is null`,
      [r.assign.ownerId],
    );
    if (!rep) throw new HubError('not_found', 'no such owner');
    owner = rep;
  } else {
    ({ owner, pool } = await claimPoolTurn(call.tx, r.assign.poolId));
  }
  const contact = await crmConnector().createLead(call, {
    email: visitor.email,
    name: r.name ?? visitor.name ?? visitor.email,
    phone: r.phone,
    ownerId: owner.id,
    conversationId: conv.id,
    note: r.note,
  });
  if (!contact) throw new HubError('conflict', 'a record with this email already exists');
  // Made from this conversation: it belongs to it (identity.ts), typed email or not.
  await linkConversation(call.tx, conv.id, contact.id);
  const events =
    owner.id === call.actor.id
      ? []
      : [
          await notify(
            call.tx,
            conv.chatId,
            owner.id,
            {
              reason: 'lead_assigned',
              contact: { id: contact.id, name: contact.name },
              from: { id: call.actor.id, name: call.actor.name },
              text: r.note ?? '',
              conversationId: conv.id,
            },
            call.now,
          ),
        ];
  return { answer: { op: 'createLead', contact, owner, pool }, events };
};

/** E6: a note on the record and a notification to its owner's extension. */
export const notifySales: Write<'notifySales'> = async (call, r) => {
  const info = await editable(call, r.contactId);
  if (!info.owner) throw new HubError('conflict', 'this record has no owner to notify');
  let chatId = 'crm';
  if (r.conversationId) chatId = (await visibleConversation(call.tx, call.actor, r.conversationId)).chatId;
  const note = await crmConnector().addNote(call, r.contactId, { kind: 'sales', text: r.text });
  const event = await notify(
    call.tx,
    chatId,
    info.owner.id,
    {
      reason: 'sales',
      contact: { id: info.id, name: info.name },
      from: { id: call.actor.id, name: call.actor.name },
      text: r.text,
      conversationId: r.conversationId,
    },
    call.now,
  );
  return { answer: { op: 'notifySales', note, owner: info.owner }, events: [event] };
};
