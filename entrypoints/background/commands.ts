import { onMessage } from '../../utils/messaging';
import type { RepClient } from './rep-client';

/** Binds each command of the typed protocol map to the client; the map itself is the dispatcher. */
export function registerCommands(client: RepClient): void {
  onMessage('signIn', ({ data }) => client.signIn(data));
  onMessage('signOut', () => client.signOut());
  onMessage('getState', () => client.getState());
  onMessage('take', ({ data }) => client.take(data.conversationId));
  onMessage('setStatus', ({ data }) => client.setStatus(data.status));
  onMessage('send', ({ data }) => client.send(data.conversationId, data.text));
}
