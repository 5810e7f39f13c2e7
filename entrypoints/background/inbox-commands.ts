import type { BlockDuration, RepCommand, TransferTarget } from '#protocol';
import type { CommandResult } from '#utils/messaging';

/** A command frame before the client stamps its reqId. */
export type WithoutReqId<C> = C extends RepCommand ? Omit<C, 'reqId'> : never;

/**
 * The inbox rules' commands (FEATURES C4–C7) as frames. Each call gets a fresh clientId, so a retry the
 * hub sees twice (a lost ack) is answered from its first result instead of acting twice.
 */
export function createInboxCommands(command: (frame: WithoutReqId<RepCommand>) => Promise<CommandResult>) {
  const clientId = () => crypto.randomUUID();
  return {
    transfer: (conversationId: string, to: TransferTarget) =>
      command({ type: 'transfer', clientId: clientId(), conversationId, to }),
    markHandled: (conversationId: string) => command({ type: 'markHandled', clientId: clientId(), conversationId }),
    endSession: (conversationId: string) => command({ type: 'endSession', clientId: clientId(), conversationId }),
    block: (conversationId: string, duration: BlockDuration) =>
      command({ type: 'block', clientId: clientId(), conversationId, duration }),
    archive: (conversationId: string) => command({ type: 'archive', clientId: clientId(), conversationId }),
    unarchive: (conversationId: string) => command({ type: 'unarchive', clientId: clientId(), conversationId }),
    delete: (conversationId: string) => command({ type: 'delete', clientId: clientId(), conversationId }),
    addTag: (conversationId: string, tag: string) =>
      command({ type: 'addTag', clientId: clientId(), conversationId, tag }),
    removeTag: (conversationId: string, tag: string) =>
      command({ type: 'removeTag', clientId: clientId(), conversationId, tag }),
    addNote: (conversationId: string, text: string) =>
      command({ type: 'addNote', clientId: clientId(), conversationId, text }),
  };
}
