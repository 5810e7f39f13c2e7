import type { ContactSummary } from '#protocol';
import type { ContactAccessInfo, CrmCall, NewLead } from '../connector';
import { newId } from '../../storage/ids';
import { phoneKey } from '../phone';
import { addActivity } from './activity';
import { loadContact } from './rows';

/** Records of the built-in store: matching (FEATURES E1), leads from chat (E5), the phone (E7). */

export async function match(
  { tx }: CrmCall,
  by: { email: string | null; phone: string | null },
): Promise<string | null> {
  if (by.email) {
    const [row] = await tx.query<{ id: string }>('select id from crm_contacts where email = $1', [
      by.email.trim().toLowerCase(),
    ]);
    if (row) return row.id;
  }
  const key = phoneKey(by.phone);
  if (key) {
    // Several records may share a phone (a family, a switchboard): the person before the lead, then the oldest.
    const [row] = await tx.query<{ id: string }>(
      `select id from crm_contacts where phone_key = $1 order by kind = 'person' desc, created_at, id limit 1`,
      [key],
    );
    if (row) return row.id;
  }
  return null;
}

export async function contactInfo({ tx }: CrmCall, contactId: string): Promise<ContactAccessInfo | null> {
  const c = await loadContact(tx, contactId);
  return c ? { id: c.id, name: c.name, email: c.email, phone: c.phone, owner: c.owner } : null;
}

export async function createPerson(
  call: CrmCall,
  person: { name: string; phone: string | null; conversationId: string },
): Promise<ContactSummary> {
  const id = newId('ct');
  await call.tx.query(
    `insert into crm_contacts (id, kind, name, phone, phone_key, owner_id, source, source_conversation_id, created_by, created_at)
     values ($1, 'person', $2, $3, $4, $5, 'chat', $6, $5, $7)`,
    [
      id,
      person.name,
      person.phone,
      phoneKey(person.phone),
      call.actor?.id ?? null,
      person.conversationId,
      new Date(call.now),
    ],
  );
  return (await loadContact(call.tx, id))!;
}

export async function createLead(call: CrmCall, lead: NewLead): Promise<ContactSummary | null> {
  const id = newId('ct');
  // The unique email index decides a race between two reps creating the same lead: one insert wins.
  const inserted = await call.tx.query<{ id: string }>(
    `insert into crm_contacts (id, kind, name, email, phone, phone_key, owner_id, source, source_conversation_id, created_by, created_at)
     values ($1, 'lead', $2, $3, $4, $5, $6, 'chat', $7, $8, $9) on conflict (email) where email is not null do nothing returning id`,
    [
      id,
      lead.name,
      lead.email,
      lead.phone,
      phoneKey(lead.phone),
      lead.ownerId,
      lead.conversationId,
      call.actor?.id ?? null,
      new Date(call.now),
    ],
  );
  if (inserted.length === 0) return null;
  await addActivity(call.tx, {
    contactId: id,
    type: 'lead',
    title: 'Lead created from chat',
    actorId: call.actor?.id ?? null,
  });
  if (lead.note) {
    const noteId = newId('nt');
    await call.tx.query(
      `insert into crm_notes (id, contact_id, kind, text, author_id) values ($1, $2, 'note', $3, $4)`,
      [noteId, id, lead.note, call.actor?.id ?? null],
    );
    await addActivity(call.tx, { contactId: id, type: 'note', title: lead.note, actorId: call.actor?.id ?? null });
  }
  return (await loadContact(call.tx, id))!;
}

export async function setPhone({ tx }: CrmCall, contactId: string, phone: string | null): Promise<ContactSummary> {
  await tx.query('update crm_contacts set phone = $2, phone_key = $3 where id = $1', [
    contactId,
    phone,
    phoneKey(phone),
  ]);
  return (await loadContact(tx, contactId))!;
}
