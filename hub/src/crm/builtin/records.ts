import { CRM_LIMITS, type CrmNote, type Task } from '#protocol';
import { HubError } from '../../inbox/errors';
import type { CrmCall, NewTask } from '../connector';
import { newId } from '../../storage/ids';
import { addActivity } from './activity';
import { NOTE_SELECT, TASK_SELECT, toNote, toTask } from './rows';

/** Tags, notes and tasks on a record (FEATURES E2); notes and tasks also join the activity feed. */

export async function tagsOf({ tx }: CrmCall, contactId: string): Promise<string[]> {
  return (
    await tx.query<{ tag: string }>('select tag from crm_tags where contact_id = $1 order by created_at, tag_key', [
      contactId,
    ])
  ).map((r) => r.tag);
}

export async function addTag(call: CrmCall, contactId: string, tag: string): Promise<string[]> {
  const [{ n }] = await call.tx.query<{ n: string }>('select count(*) as n from crm_tags where contact_id = $1', [
    contactId,
  ]);
  const inserted = await call.tx.query(
    'insert into crm_tags (contact_id, tag, tag_key) select $1, $2, $3 where $4 < $5 on conflict do nothing returning tag',
    [contactId, tag, tag.toLowerCase(), Number(n), CRM_LIMITS.tagsPerContact],
  );
  if (inserted.length === 0 && Number(n) >= CRM_LIMITS.tagsPerContact) {
    const exists = await call.tx.query('select 1 from crm_tags where contact_id = $1 and tag_key = $2', [
      contactId,
      tag.toLowerCase(),
    ]);
    if (exists.length === 0)
      throw new HubError(
        'too_large',
        `a record has at most ${CRM_LIMITS.tagsPerContact} tags`,
        CRM_LIMITS.tagsPerContact,
      );
  }
  return tagsOf(call, contactId);
}

export async function removeTag(call: CrmCall, contactId: string, tag: string): Promise<string[]> {
  await call.tx.query('delete from crm_tags where contact_id = $1 and tag_key = $2', [contactId, tag.toLowerCase()]);
  return tagsOf(call, contactId);
}

export async function addNote(
  call: CrmCall,
  contactId: string,
  note: { kind: CrmNote['kind']; text: string },
): Promise<CrmNote> {
  const id = newId('nt');
  await call.tx.query('insert into crm_notes (id, contact_id, kind, text, author_id) values ($1, $2, $3, $4, $5)', [
    id,
    contactId,
    note.kind,
    note.text,
    call.actor?.id ?? null,
  ]);
  await addActivity(call.tx, { contactId, type: 'note', title: note.text, actorId: call.actor?.id ?? null });
  const [row] = await call.tx.query<Parameters<typeof toNote>[0]>(`${NOTE_SELECT} where n.id = $1`, [id]);
  return toNote(row);
}

export async function addTask(call: CrmCall, contactId: string, task: NewTask): Promise<Task> {
  if (task.assigneeId) {
    const [rep] = await call.tx.query('select 1 from reps where id = $1', [task.assigneeId]);
    if (!rep) throw new HubError('not_found', 'no such person to assign the task to');
  }
  const id = newId('tk');
  await call.tx.query(
    'insert into crm_tasks (id, contact_id, title, assignee_id, due_date, created_by) values ($1, $2, $3, $4, $5, $6)',
    [id, contactId, task.title, task.assigneeId, task.dueDate, call.actor?.id ?? null],
  );
  await addActivity(call.tx, { contactId, type: 'task', title: task.title, actorId: call.actor?.id ?? null });
  return loadTask(call, id);
}

async function loadTask({ tx }: CrmCall, id: string): Promise<Task> {
  const [row] = await tx.query<Parameters<typeof toTask>[0]>(`${TASK_SELECT} where t.id = $1`, [id]);
  return toTask(row);
}

export async function taskContact({ tx }: CrmCall, taskId: string): Promise<string | null> {
  const [row] = await tx.query<{ contact_id: string }>('select contact_id from crm_tasks where id = $1', [taskId]);
  return row?.contact_id ?? null;
}

export async function setTaskDone(call: CrmCall, taskId: string, done: boolean): Promise<Task> {
  await call.tx.query('update crm_tasks set done = $2 where id = $1', [taskId, done]);
  return loadTask(call, taskId);
}
