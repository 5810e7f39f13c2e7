import type { ChatRepsFrame, WorkChatsFrame } from '#protocol';
import type { Log } from '../../log';

/**
 * FEATURES A2 on one rep socket: the chats the rep may work in with the choice in force (`workChats`),
 * and who works in each of them (`chatReps`). Only a frame that differs from the last one sent is
 * sent again.
 */

export interface WorkChatsTeller {
  /** Reads the rep's choices and sends them if they changed; resolves when this telling is done. */
  tell(): Promise<void>;
  /** The chats last read as the rep's choices: the ones whose colleagues they are shown. */
  choices(): string[];
  /** Resolves once every telling asked for so far is done. */
  settled(): Promise<void>;
}

/**
 * Race guarded: one change of choice logs a `rep.chats` event per chat of the rep, each asking for
 * a telling. The tellings run one after another, so two reads in flight can never answer out of
 * order and leave an old choice as the last one told.
 */
export function createWorkChatsTeller(
  read: () => Promise<WorkChatsFrame>,
  send: (f: WorkChatsFrame) => void,
  log: Pick<Log, 'error'>,
): WorkChatsTeller {
  let told = '';
  let telling: Promise<void> = Promise.resolve();
  let choiceIds: string[] = [];
  return {
    tell() {
      telling = telling.then(async () => {
        try {
          const frame = await read();
          choiceIds = frame.chats.map((c) => c.id);
          if (JSON.stringify(frame) === told) return;
          told = JSON.stringify(frame);
          send(frame);
        } catch (err) {
          log.error({ err }, 'could not read the chats a rep works in');
        }
      });
      return telling;
    },
    choices: () => choiceIds,
    settled: () => telling,
  };
}

export interface ChatRepsTeller {
  /** Reads the lists and sends them if they changed; resolves when no request is left unanswered. */
  tell(): Promise<void>;
  /** Listener for the shared view (ChatRepsView.subscribe): tells when one of the rep's chats changed. */
  onChange(changed: ReadonlySet<string> | 'all'): void;
}

/** The chats whose colleagues a rep is shown: their work-chat choices, or every chat ('all', supervisors). */
export interface ChatRepsScope {
  choices(): string[] | 'all';
  settled(): Promise<void>;
}

/**
 * Race guarded: changes arrive while a read is under way. Requests meanwhile fold into one more read
 * after it (never two at once); each read first waits for a work-chats telling under way, so it asks
 * about the rep's current choices; and it stops once the socket is closed.
 */
export function createChatRepsTeller(
  read: (chatIds: string[] | 'all') => Promise<ChatRepsFrame>,
  workChats: ChatRepsScope,
  send: (f: ChatRepsFrame) => void,
  isOpen: () => boolean,
  log: Pick<Log, 'error'>,
): ChatRepsTeller {
  let told = '';
  let due = false;
  let telling: Promise<void> | null = null;
  const tell = (): Promise<void> => {
    due = true;
    telling ??= (async () => {
      while (due && isOpen()) {
        due = false;
        await workChats.settled();
        try {
          const frame = await read(workChats.choices());
          if (JSON.stringify(frame) === told) continue;
          told = JSON.stringify(frame);
          send(frame);
        } catch (err) {
          log.error({ err }, 'could not read who works in the chats');
        }
      }
    })().finally(() => (telling = null));
    return telling;
  };
  return {
    tell,
    onChange(changed) {
      const chats = workChats.choices();
      if (changed === 'all' || chats === 'all' || chats.some((id) => changed.has(id))) void tell();
    },
  };
}
