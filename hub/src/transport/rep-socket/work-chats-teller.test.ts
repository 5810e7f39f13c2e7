import { describe, expect, it, vi } from 'vitest';
import type { ChatRepsFrame, WorkChatsFrame } from '#protocol';
import { createChatRepsTeller, createWorkChatsTeller } from './work-chats-teller';

/** A read the test answers when it chooses, as a loaded database would. */
function slowReads<A extends unknown[], T>() {
  const pending: { args: A; answer: (value: T) => void; fail: (err: Error) => void }[] = [];
  return {
    pending,
    read: (...args: A) => new Promise<T>((answer, fail) => pending.push({ args, answer, fail })),
  };
}
/** These tests' reads fail only where a test says so and checks the log itself. */
const noLog = { error: () => {} };
const settle = () => new Promise((r) => setImmediate(r));
const workChats = (...ids: string[]): WorkChatsFrame => ({
  type: 'workChats',
  chats: ids.map((id) => ({ id, name: id })),
  working: 'all',
});
const chatReps = (...ids: string[]): ChatRepsFrame => ({
  type: 'chatReps',
  chats: ids.map((chatId) => ({ chatId, name: chatId, reps: [], more: 0 })),
});

describe('telling a rep the chats they work in', () => {
  it('reads one telling after another, so the last choice read is the last one told', async () => {
    const reads = slowReads<[], WorkChatsFrame>();
    const sent: WorkChatsFrame[] = [];
    const teller = createWorkChatsTeller(reads.read, (f) => sent.push(f), noLog);
    const first = teller.tell();
    const second = teller.tell();
    await settle();
    expect(reads.pending).toHaveLength(1);
    reads.pending[0].answer(workChats('a'));
    await first;
    await settle();
    expect(reads.pending).toHaveLength(2);
    reads.pending[1].answer(workChats('a', 'b'));
    await second;
    expect(sent).toEqual([workChats('a'), workChats('a', 'b')]);
    expect(teller.choices()).toEqual(['a', 'b']);
  });

  it('sends an unchanged frame once, and goes on after a failed read', async () => {
    let answer: () => Promise<WorkChatsFrame> = async () => workChats('a');
    const sent: WorkChatsFrame[] = [];
    const log = { error: vi.fn() };
    const teller = createWorkChatsTeller(
      () => answer(),
      (f) => sent.push(f),
      log,
    );
    await teller.tell();
    await teller.tell();
    answer = async () => Promise.reject(new Error('database gone'));
    await teller.tell();
    expect(log.error).toHaveBeenCalledWith(
      { err: new Error('database gone') },
      'could not read the chats a rep works in',
    );
    answer = async () => workChats('b');
    await teller.tell();
    expect(sent).toEqual([workChats('a'), workChats('b')]);
  });
});

describe('telling a rep who works in their chats', () => {
  it('asks after the work-chats telling under way, about the choices it read', async () => {
    const choices = slowReads<[], WorkChatsFrame>();
    const lists = slowReads<[string[] | 'all'], ChatRepsFrame>();
    const work = createWorkChatsTeller(choices.read, () => {}, noLog);
    const teller = createChatRepsTeller(
      lists.read,
      work,
      () => {},
      () => true,
      noLog,
    );
    void work.tell();
    const told = teller.tell();
    await settle();
    expect(lists.pending).toHaveLength(0);
    choices.pending[0].answer(workChats('a', 'b'));
    await settle();
    expect(lists.pending.map((r) => r.args[0])).toEqual([['a', 'b']]);
    lists.pending[0].answer(chatReps('a', 'b'));
    await told;
  });

  it('folds the requests made during a read into one more read, and sends only what changed', async () => {
    const lists = slowReads<[string[] | 'all'], ChatRepsFrame>();
    const sent: ChatRepsFrame[] = [];
    const work = createWorkChatsTeller(
      async () => workChats('a'),
      () => {},
      noLog,
    );
    await work.tell();
    const teller = createChatRepsTeller(
      lists.read,
      work,
      (f) => sent.push(f),
      () => true,
      noLog,
    );
    const told = teller.tell();
    await settle();
    void teller.tell();
    void teller.tell();
    teller.onChange(new Set(['a']));
    lists.pending[0].answer(chatReps('a'));
    await settle();
    expect(lists.pending).toHaveLength(2);
    lists.pending[1].answer(chatReps('a'));
    await told;
    expect(lists.pending).toHaveLength(2);
    expect(sent).toEqual([chatReps('a')]);
  });

  it('hears only of changes to the rep’s own chats, and reads nothing once the socket closed', async () => {
    let reads = 0;
    let open = true;
    const work = createWorkChatsTeller(
      async () => workChats('a'),
      () => {},
      noLog,
    );
    await work.tell();
    const teller = createChatRepsTeller(
      async () => (reads++, chatReps('a')),
      work,
      () => {},
      () => open,
      noLog,
    );
    teller.onChange(new Set(['elsewhere']));
    await settle();
    expect(reads).toBe(0);
    teller.onChange(new Set(['elsewhere', 'a']));
    await settle();
    teller.onChange('all');
    await settle();
    expect(reads).toBe(2);
    open = false;
    await teller.tell();
    expect(reads).toBe(2);
  });

  it('for a supervisor, reads every chat and hears of a change in any of them', async () => {
    const asked: (string[] | 'all')[] = [];
    const work = createWorkChatsTeller(
      async () => workChats(),
      () => {},
      noLog,
    );
    await work.tell();
    const teller = createChatRepsTeller(
      async (ids) => (asked.push(ids), chatReps('a')),
      { choices: () => 'all', settled: work.settled },
      () => {},
      () => true,
      noLog,
    );
    await teller.tell();
    teller.onChange(new Set(['any chat']));
    await settle();
    expect(asked).toEqual(['all', 'all']);
  });
});
