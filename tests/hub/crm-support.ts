import { randomUUID } from 'node:crypto';
import { identityHash, renewIdentitySecret } from '#hub/inbox/visitor-identity';
import type { Hub } from '#hub/server';
import { visitorActor, type RepActor, type VisitorActor } from './actors';

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

/**
 * The rep checked who the visitor is (an order number, a call) and links the conversation to the
 * record the typed email suggests (issue 14: a typed email alone reaches no record); fails the test otherwise.
 */
export async function linkChecked(rep: RepActor, conversationId: string, contactId: string): Promise<any> {
  const answer = await crm(rep, { op: 'linkContact', conversationId, contactId });
  if (answer.op !== 'linkContact') throw new Error(`link failed: ${answer.message}`);
  return answer.result;
}

/**
 * A visitor the shop signed in (identity verification, issue 14): the demo chat gets a secret if it
 * has none, and the widget's hello carries the email with its HMAC; resolves once the hub verified it.
 */
export async function verifiedVisitor(hub: Hub, email: string): Promise<VisitorActor> {
  const [chat] = await hub.ctx.db.query<{ identity_secret: string | null }>(
    `select identity_secret from chats where id = 'ch_demo'`,
  );
  const secret = chat.identity_secret ?? (await renewIdentitySecret(hub.ctx.db, 'ch_demo'))!;
  const visitor = await visitorActor(hub, undefined, 'demo-shop', undefined, {
    email,
    hash: identityHash(secret, email),
  });
  await visitor.socket.next((f) => f.type === 'identified');
  return visitor;
}

/** A conversation from a new visitor, taken by `rep`. */
export async function takenConversation(rep: RepActor, visitor: VisitorActor, text = 'Hello'): Promise<string> {
  const id = await visitor.say(text);
  const ack = await rep.cmd({ type: 'take', conversationId: id });
  if (ack.type !== 'ack') throw new Error(`take failed: ${ack.message}`);
  return id;
}
