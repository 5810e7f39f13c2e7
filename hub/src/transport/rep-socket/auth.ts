import type { WebSocket } from 'ws';
import { PROTOCOL_VERSION, type RepClientFrame, type RepProfile, type RepServerFrame } from '#protocol';
import { repForToken } from '../../auth/sessions';
import type { Sql } from '../../storage/db';

/**
 * A rep socket's authentication: the hello's protocol version, then its session token. A refused
 * hello is answered with an error frame and the socket closed with a code the extension acts on.
 */

/** Close codes the extension acts on: 4001 means sign in again, don't retry. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_VERSION = 4002;

type Hello = Extract<RepClientFrame, { type: 'hello' }>;

/** The rep the hello's token belongs to, or null when refused (the socket is then closing). */
export async function authenticate(
  db: Sql,
  ws: WebSocket,
  send: (f: RepServerFrame) => void,
  hello: Hello,
): Promise<RepProfile | null> {
  if (hello.v !== PROTOCOL_VERSION) {
    send({
      type: 'error',
      code: 'version',
      message: `protocol ${hello.v} is not supported; this hub speaks ${PROTOCOL_VERSION}`,
    });
    ws.close(CLOSE_VERSION, 'version');
    return null;
  }
  const found = await repForToken(db, hello.token);
  if (!found) {
    send({ type: 'error', code: 'unauthorized', message: 'sign in again: this token is not valid' });
    ws.close(CLOSE_UNAUTHORIZED, 'unauthorized');
    return null;
  }
  return found;
}
