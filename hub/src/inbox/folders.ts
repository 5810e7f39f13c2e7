import type { Access, Conversation, Folder, RepProfile } from '#protocol';

/**
 * Who sees a conversation, where, and with what rights (FEATURES C1, C3, C4). The stored snapshot of a
 * conversation is the same for everyone; this decides, per viewer, the folder and access the hub
 * sends them. Readers are reps who handed the conversation on and keep read-only access.
 */
export type ConversationSnapshot = Omit<Conversation, 'folder' | 'access'> & { readers: string[] };

const NATURAL: Record<Conversation['status'], Folder> = {
  pending: 'pending',
  active: 'active',
  closed: 'closed',
  archived: 'archived',
  abandoned: 'none',
};

export function accessFor(c: ConversationSnapshot, viewer: Pick<RepProfile, 'id' | 'role'>): Access {
  if (c.status === 'abandoned') return 'none';
  if (viewer.role !== 'rep') return 'supervisor';
  if (c.ownerId === viewer.id) return 'owner';
  if (c.status === 'pending' && c.offeredTo.includes(viewer.id)) return 'offered';
  if (c.readers.includes(viewer.id)) return 'reader';
  return 'none';
}

export function folderFor(c: ConversationSnapshot, access: Access): Folder {
  return access === 'none' ? 'none' : NATURAL[c.status];
}

/** The conversation as this viewer receives it. */
export function forViewer(c: ConversationSnapshot, viewer: Pick<RepProfile, 'id' | 'role'>): Conversation {
  const { readers: _readers, ...wire } = c;
  const access = accessFor(c, viewer);
  return { ...wire, access, folder: folderFor(c, access) };
}

/** Reps (not supervisors) with any view of it: they must hear of every change, including losing it. */
export const stakeholders = (c: Pick<ConversationSnapshot, 'ownerId' | 'offeredTo' | 'readers'>): string[] => [
  ...new Set([...(c.ownerId ? [c.ownerId] : []), ...c.offeredTo, ...c.readers]),
];
