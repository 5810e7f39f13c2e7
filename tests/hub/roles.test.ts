import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, repActor, visitorActor, type RepActor } from './actors';
import { startTestHub } from './support';

/**
 * Every role × every command, checked on the hub through real connections. The expected answers
 * are written out by hand (not derived from the rules table), so a change to a rule shows up here.
 */
let t: Awaited<ReturnType<typeof startTestHub>>;
const reps: Record<string, RepActor> = {};
beforeAll(async () => {
  t = await startTestHub();
  // Anna takes every conversation of the table: room enough that offers keep reaching her.
  await t.db.query('update queues set default_capacity = 100');
  for (const [who, email] of Object.entries({ anna: 'anna', ben: 'ben', sara: 'sara', alex: 'alex' }))
    reps[who] = await repActor(t.hub, `${email}@demo.parley.test`);
});
afterAll(async () => {
  Object.values(reps).forEach((r) => r.close());
  await t.stop();
});

type Outcome = 'ok' | 'forbidden' | 'conflict';
const COMMANDS = [
  'take',
  'send',
  'transfer',
  'markHandled',
  'endSession',
  'block',
  'archive',
  'unarchive',
  'delete',
  'addTag',
  'addNote',
] as const;
type Command = (typeof COMMANDS)[number];

const frame = (command: Command, conversationId: string): Record<string, unknown> => ({
  type: command,
  conversationId,
  ...(command === 'send' ? { text: 'hello from the table' } : {}),
  ...(command === 'transfer' ? { to: { kind: 'queue', queueId: 'q_demo' } } : {}),
  ...(command === 'block' ? { duration: { unit: 'minutes', amount: 5 } } : {}),
  ...(command === 'addTag' ? { tag: 'from the table' } : {}),
  ...(command === 'addNote' ? { text: 'a note from the table' } : {}),
});

/** A conversation from a visitor who gave an email (so a block is by visitor id, not by the shared test IP). */
async function conversationIn(state: 'pending' | 'active' | 'closed' | 'archived'): Promise<string> {
  const visitor = await visitorActor(t.hub);
  visitor.socket.send({ type: 'identify', email: `v${Date.now()}${Math.random().toString(36).slice(2)}@example.com` });
  await visitor.socket.next((f) => f.type === 'identified');
  const id = await visitor.say('Hello table');
  visitor.close();
  if (state === 'pending') return id;
  expect((await reps.anna.cmd({ type: 'take', conversationId: id })).type).toBe('ack');
  if (state !== 'active') expect((await reps.anna.cmd({ type: 'endSession', conversationId: id })).type).toBe('ack');
  if (state === 'archived') expect((await reps.anna.cmd({ type: 'archive', conversationId: id })).type).toBe('ack');
  return id;
}

const outcome = (answer: { type: string; code?: string }): Outcome =>
  answer.type === 'ack' ? 'ok' : (answer.code as Outcome);

const TABLES: Record<
  'active' | 'closed' | 'pending',
  Partial<Record<Command, Record<'anna' | 'ben' | 'sara' | 'alex', Outcome>>>
> = {
  // Owned by Anna.
  active: {
    take: { anna: 'conflict', ben: 'conflict', sara: 'forbidden', alex: 'conflict' },
    send: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    transfer: { anna: 'ok', ben: 'forbidden', sara: 'ok', alex: 'ok' },
    markHandled: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    endSession: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    block: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    archive: { anna: 'conflict', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    unarchive: { anna: 'conflict', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    delete: { anna: 'conflict', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    addTag: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    addNote: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
  },
  // Anna had it and ended the session.
  closed: {
    take: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    send: { anna: 'conflict', ben: 'conflict', sara: 'forbidden', alex: 'conflict' },
    transfer: { anna: 'conflict', ben: 'forbidden', sara: 'conflict', alex: 'conflict' },
    markHandled: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    endSession: { anna: 'conflict', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    block: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    archive: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    unarchive: { anna: 'conflict', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    delete: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    addTag: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    addNote: { anna: 'ok', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
  },
  // Offered to both reps (broadcast), nobody has it yet.
  pending: {
    take: { anna: 'ok', ben: 'ok', sara: 'forbidden', alex: 'ok' },
    send: { anna: 'ok', ben: 'ok', sara: 'forbidden', alex: 'ok' },
    transfer: { anna: 'forbidden', ben: 'forbidden', sara: 'ok', alex: 'ok' },
    markHandled: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    endSession: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    block: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'ok' },
    archive: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    unarchive: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    delete: { anna: 'forbidden', ben: 'forbidden', sara: 'forbidden', alex: 'conflict' },
    addTag: { anna: 'ok', ben: 'ok', sara: 'forbidden', alex: 'ok' },
    addNote: { anna: 'ok', ben: 'ok', sara: 'forbidden', alex: 'ok' },
  },
};

describe.each(['active', 'closed', 'pending'] as const)('a %s conversation', (state) => {
  const cells = Object.entries(TABLES[state]).flatMap(([command, row]) =>
    Object.entries(row!).map(([who, expected]) => ({ command: command as Command, who, expected })),
  );
  it.each(cells)('$who → $command: $expected', async ({ command, who, expected }) => {
    const id = await conversationIn(state);
    const answer = await reps[who].cmd(frame(command, id));
    expect(outcome(answer), answer.message).toBe(expected);
  });
});

it('covers every command for every role in the active table', () => {
  expect(Object.keys(TABLES.active).sort()).toEqual([...COMMANDS].sort());
  for (const row of Object.values(TABLES.active))
    expect(Object.keys(row!).sort()).toEqual(['alex', 'anna', 'ben', 'sara']);
});

// FEATURES C4, C7: open conversations go to a rep or a queue; closed and archived ones (the archived list
// offers transfer) to a rep only, staying in the folder they are in. Anna owns each; Ben is the target.
const TRANSFERS: Record<
  'active' | 'closed' | 'archived',
  Record<'rep' | 'queue', Record<'anna' | 'ben' | 'sara' | 'alex', Outcome>>
> = {
  active: {
    rep: { anna: 'ok', ben: 'forbidden', sara: 'ok', alex: 'ok' },
    queue: { anna: 'ok', ben: 'forbidden', sara: 'ok', alex: 'ok' },
  },
  closed: {
    rep: { anna: 'ok', ben: 'forbidden', sara: 'ok', alex: 'ok' },
    queue: { anna: 'conflict', ben: 'forbidden', sara: 'conflict', alex: 'conflict' },
  },
  archived: {
    rep: { anna: 'ok', ben: 'forbidden', sara: 'ok', alex: 'ok' },
    queue: { anna: 'conflict', ben: 'forbidden', sara: 'conflict', alex: 'conflict' },
  },
};
const TARGETS = { rep: { kind: 'rep', repId: 'r_ben' }, queue: { kind: 'queue', queueId: 'q_demo' } } as const;

describe.each(['active', 'closed', 'archived'] as const)('transferring a conversation that is %s', (state) => {
  const cells = (['rep', 'queue'] as const).flatMap((to) =>
    Object.entries(TRANSFERS[state][to]).map(([who, expected]) => ({ to, who, expected })),
  );
  it.each(cells)('$who → to a $to: $expected', async ({ to, who, expected }) => {
    const id = await conversationIn(state);
    const answer = await reps[who].cmd({ type: 'transfer', conversationId: id, to: TARGETS[to] });
    expect(outcome(answer), answer.message).toBe(expected);
  });
});

it('an archived conversation transferred to a rep lands in their Archived, and the sender keeps reading it', async () => {
  const id = await conversationIn('archived');
  expect((await reps.anna.cmd({ type: 'transfer', conversationId: id, to: TARGETS.rep })).type).toBe('ack');
  await eventually(() =>
    expect(reps.ben.seen(id)).toMatchObject({
      ownerId: 'r_ben',
      status: 'archived',
      folder: 'archived',
      access: 'owner',
    }),
  );
  await eventually(() =>
    expect(reps.anna.seen(id)).toMatchObject({
      ownerId: 'r_ben',
      status: 'archived',
      folder: 'archived',
      access: 'reader',
    }),
  );
});
