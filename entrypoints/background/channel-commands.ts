import type { ChannelTemplate } from '#protocol';
import type { CommandResult } from '#utils/messaging';
import type { CommandChannel } from './command-channel';

/**
 * The rep's messaging-channel commands (FEATURES C9, G2) as frames: Add contact and Ignore on an unknown
 * sender, WhatsApp's approved templates and sending one. Each write gets a fresh clientId, so a retry the
 * hub sees twice is answered from its first result.
 */
export function createChannelCommands({ ask, command }: Pick<CommandChannel, 'ask' | 'command'>) {
  const clientId = () => crypto.randomUUID();
  return {
    addContact: (conversationId: string): Promise<CommandResult> =>
      command({ type: 'addContact', clientId: clientId(), conversationId }),
    ignoreSender: (conversationId: string): Promise<CommandResult> =>
      command({ type: 'ignoreSender', clientId: clientId(), conversationId }),
    channelTemplates: (conversationId: string) =>
      ask<{ ok: true; templates: ChannelTemplate[] }>({ type: 'channelTemplates', conversationId }),
    sendTemplate: (conversationId: string, template: { name: string; language: string }, params: string[]) =>
      command({ type: 'sendTemplate', clientId: clientId(), conversationId, template, params }),
  };
}
