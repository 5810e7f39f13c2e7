import type { CrmAnswerFor, CrmRequest } from '#protocol';
import { sendMessage, type CommandFailure } from './messaging';

/** The answer to one kind of request, or why there is none. */
export type CrmReply<O extends CrmRequest['op']> = { ok: true; answer: CrmAnswerFor<O> } | CommandFailure;

/**
 * Sends one contact-card request through the background worker (the only hub connection). The hub
 * answers with the same `op`; an answer of another op would be a hub bug and is reported as one.
 */
export async function crm<R extends CrmRequest>(request: R): Promise<CrmReply<R['op']>> {
  const result = await sendMessage('crm', request);
  if (!result.ok) return result;
  // A missing answer or one of another op would be a worker or hub bug: reported, never thrown.
  if (result.answer?.op !== request.op)
    return { ok: false, code: 'internal', message: `answer ${result.answer?.op ?? 'missing'} to ${request.op}` };
  return { ok: true, answer: result.answer as CrmAnswerFor<R['op']> };
}

/** A fresh id for a request that changes something: a retry with the same id changes nothing again. */
export const newClientId = (): string => crypto.randomUUID();
