import { onMessage, type ProtocolMap } from '#utils/messaging';
import type { PlaySoundResult } from '#utils/platform/index';
import type { IdlePresence } from './idle';
import type { RepClient } from './rep-client';
import { fromExtensionPage } from './sender';

/** A handler for each command of the map, receiving the request and answering with its result. */
type Handlers = {
  [K in keyof ProtocolMap]: (
    data: Parameters<ProtocolMap[K]>[0],
  ) => ReturnType<ProtocolMap[K]> | Promise<ReturnType<ProtocolMap[K]>>;
};

/**
 * Binds each command of the typed protocol map to the client. The object is the dispatcher: the
 * compiler insists every command has exactly one handler, and there is no switch to forget a case in.
 */
export function commandHandlers(
  client: RepClient,
  idle: IdlePresence,
  sound: { test(): Promise<PlaySoundResult> },
  pageIcon: { enableOnTab(tabId: number): Promise<void> },
): Handlers {
  return {
    signIn: (data) => client.signIn(data),
    signOut: () => client.signOut(),
    getState: () => client.getState(),
    take: (data) => client.take(data.conversationId),
    // A status picked in the popup is the rep's choice; idle detection must not undo it.
    setStatus: (data) => idle.manualStatus(data.status),
    setMode: (data) => client.setMode(data.mode),
    setChats: (data) => client.setChats(data.chats),
    send: (data) => client.send(data.conversationId, data.text, data.clientId),
    transfer: (data) => client.transfer(data.conversationId, data.to),
    markHandled: (data) => client.markHandled(data.conversationId),
    endSession: (data) => client.endSession(data.conversationId),
    block: (data) => client.block(data.conversationId, data.duration),
    archive: (data) => client.archive(data.conversationId),
    unarchive: (data) => client.unarchive(data.conversationId),
    delete: (data) => client.delete(data.conversationId),
    searchReps: (data) => client.searchReps(data.query),
    viewing: (data) => client.viewing(data.conversationId),
    loadHistory: (data) => client.loadHistory(data.conversationId),
    reviewFile: (data) => client.reviewFile(data.conversationId, data.fileId, data.decision),
    typing: (data) => client.typing(data.conversationId, data.typing),
    addTag: (data) => client.addTag(data.conversationId, data.tag),
    removeTag: (data) => client.removeTag(data.conversationId, data.tag),
    addNote: (data) => client.addNote(data.conversationId, data.text),
    visitorHistory: (data) => client.visitorHistory(data.conversationId),
    testSound: () => sound.test(),
    enableOnTab: (data) => pageIcon.enableOnTab(data.tabId),
    crm: (data) => client.crm(data),
    addContact: (data) => client.addContact(data.conversationId),
    ignoreSender: (data) => client.ignoreSender(data.conversationId),
    channelTemplates: (data) => client.channelTemplates(data.conversationId),
    sendTemplate: (data) => client.sendTemplate(data.conversationId, data.template, data.params),
  };
}

/**
 * Serves the commands to Parley's own pages only (issue 14). A content script runs inside a web page
 * that may be hostile; the page icon's few messages (open, setStatus, recordEmail) are served apart,
 * by page-icon.ts and page-records.ts, and every command here sent from a web page is refused unread.
 */
export function registerCommands(handlers: Handlers): void {
  for (const name of Object.keys(handlers) as (keyof ProtocolMap)[]) {
    const handler = handlers[name] as (data: unknown) => unknown;
    onMessage(name, ({ data, sender }) => {
      if (!fromExtensionPage(sender)) {
        throw new Error(`refused: "${name}" is served to Parley's own pages, not to a web page's content script`);
      }
      return handler(data) as never;
    });
  }
}
