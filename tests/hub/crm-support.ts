import { randomUUID } from 'node:crypto';
import type { RepActor, VisitorActor } from './actors';

/** One-line CRM requests for hub tests: sends a `crm` frame and resolves with the answer or the error frame. */
export async function crm(actor: RepActor, request: Record<string, unknown>): Promise<any> {
  const reqId = randomUUID();
  const writes = ![
    'card',
    'contact',
    'lookup',
    'contactChats',
    'feed',
    'recommendations',
    'transcript',
    'layouts',
    'leadOptions',
    'searchProducts',
  ].includes(request.op as string);
  actor.socket.send({
    type: 'crm',
    reqId,
    request: writes && !('clientId' in request) ? { clientId: randomUUID(), ...request } : request,
  });
  const f = await actor.socket.next((x) => x.reqId === reqId && (x.type === 'crm' || x.type === 'error'));
  return f.type === 'crm' ? f.answer : f;
}

/** The visitor gives an email (the widget's identify frame) and waits for the hub's answer. */
export async function identify(visitor: VisitorActor, email: string, name?: string): Promise<void> {
  visitor.socket.send({ type: 'identify', email, ...(name ? { name } : {}) });
  await visitor.socket.next((f) => f.type === 'identified');
}

/** A conversation from a new visitor, taken by `rep`. */
export async function takenConversation(rep: RepActor, visitor: VisitorActor, text = 'Hello'): Promise<string> {
  const id = await visitor.say(text);
  const ack = await rep.cmd({ type: 'take', conversationId: id });
  if (ack.type !== 'ack') throw new Error(`take failed: ${ack.message}`);
  return id;
}
