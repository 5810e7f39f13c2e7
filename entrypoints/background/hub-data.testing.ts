import type { Access, Conversation, HubEvent } from '#protocol';

/** A signed-in rep, conversations and messages as the hub sends them to that rep, for tests in Node and in the browser. */
export const REP = {
  id: 'rep-anna',
  name: 'Anna',
  email: 'anna@demo.parley.test',
  role: 'rep',
  mode: 'rep',
  status: 'online',
} as const;

/** A conversation as the hub would send it to REP: folder and access decided for that viewer. */
export function conversation(
  id: string,
  status: 'pending' | 'active' | 'closed' | 'archived',
  ownerId: string | null = null,
  extra: Partial<Conversation> = {},
): Conversation {
  const access: Access = ownerId === REP.id ? 'owner' : status === 'pending' ? 'offered' : 'none';
  return {
    id,
    chatId: 'chat-1',
    chatName: 'Demo shop',
    channel: 'web',
    visitorId: `visitor-${id}`,
    visitorName: null,
    visitorEmail: null,
    status,
    ownerId,
    ownerName: ownerId ? 'Anna' : null,
    queueId: 'queue-1',
    queueName: 'Sales',
    offeredTo: status === 'pending' ? [REP.id] : [],
    closedReason: null,
    folder: access === 'none' ? 'none' : status,
    access,
    createdAt: '2025-01-01T10:00:00.000Z',
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    ...extra,
  };
}

export function message(id: string, conversationId: string, clientId: string | null = null) {
  return {
    id,
    conversationId,
    clientId,
    author: clientId ? ('rep' as const) : ('visitor' as const),
    authorName: clientId ? 'Anna' : null,
    repId: clientId ? REP.id : null,
    text: `text of ${id}`,
    pageUrl: clientId ? null : 'https://shop.example/cart',
    createdAt: '2025-01-01T10:00:01.000Z',
  };
}

/** Wraps a payload as a hub event with the given id. */
export function event<K extends 'conversation.opened' | 'conversation.updated' | 'message.created'>(
  id: number,
  kind: K,
  payload: K extends 'message.created' ? { message: ReturnType<typeof message> } : { conversation: Conversation },
) {
  return { id, at: '2025-01-01T10:00:00.000Z', chatId: 'chat-1', kind, ...payload } as Extract<HubEvent, { kind: K }>;
}
