import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RepProfile } from '#protocol';
import { DEMO_REPS, seedDemo } from '#hub/demo/seed';
import { archive, block, deleteConversation, endSession, markHandled, transfer, unarchive } from '#hub/inbox/commands';
import { HubError } from '#hub/inbox/errors';
import { forViewer } from '#hub/inbox/folders';
import { postRepMessage, setRepStatus, takeConversation } from '#hub/inbox/rep';
import { loadConversation } from '#hub/inbox/rows';
import { postVisitorMessage, touchVisitor } from '#hub/inbox/visitor';
import { migrate } from '#hub/storage/migrate';
import type { Db } from '#hub/storage/db';
import { openTestDb } from './support';

/**
 * Property: random command sequences from random roles never break the inbox invariants —
 * at most one owner, observers never send, a rep never sees another rep's active chat except as a
 * reader, offers go only to online reps, every message stays in exactly one conversation.
 */
const REPS = DEMO_REPS.map((r) => ({ ...r, mode: r.role, status: 'online' })) as unknown as RepProfile[];
const VISITORS = ['visitor-p1', 'visitor-p2', 'visitor-p3'];
let db: Db;
let n = 0;
const cid = () => `prop-${n++}-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  db = await openTestDb('pglite');
  await migrate(db);
  await seedDemo(db);
});
afterAll(() => db.close());

type Step =
  { kind: 'visitor'; who: number } | { kind: 'rep'; who: number; command: string; target: number; arg: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('visitor' as const), who: fc.nat(VISITORS.length - 1) }),
  fc.record({
    kind: fc.constant('rep' as const),
    who: fc.nat(REPS.length - 1),
    command: fc.constantFrom(
      'take',
      'send',
      'transferRep',
      'transferQueue',
      'markHandled',
      'endSession',
      'block',
      'archive',
      'unarchive',
      'delete',
      'status',
    ),
    target: fc.nat(20),
    arg: fc.nat(3),
  }),
);

async function apply(s: Step, conversations: string[]) {
  if (s.kind === 'visitor') {
    const { message } = await postVisitorMessage(db, {
      chatId: 'ch_demo',
      visitorId: VISITORS[s.who],
      clientId: cid(),
      text: 'hi',
      pageUrl: 'https://shop.example/',
    });
    if (!conversations.includes(message.conversationId)) conversations.push(message.conversationId);
    return;
  }
  const rep = REPS[s.who];
  const conversationId = conversations[s.target % Math.max(1, conversations.length)] ?? 'c_none';
  const a = { rep, conversationId, clientId: cid() };
  const run: Record<string, () => Promise<unknown>> = {
    take: () => takeConversation(db, rep, conversationId, a.clientId),
    send: () => postRepMessage(db, rep, { conversationId, clientId: a.clientId, text: 'reply' }),
    transferRep: () => transfer(db, { ...a, to: { kind: 'rep', repId: ['r_anna', 'r_ben'][s.arg % 2] } }),
    transferQueue: () => transfer(db, { ...a, to: { kind: 'queue', queueId: 'q_demo' } }),
    markHandled: () => markHandled(db, a),
    endSession: () => endSession(db, a),
    block: () => block(db, { ...a, duration: { unit: 'minutes', amount: 1 } }),
    archive: () => archive(db, a),
    unarchive: () => unarchive(db, a),
    delete: () => deleteConversation(db, a),
    status: () => setRepStatus(db, rep, (['online', 'away', 'invisible', 'online'] as const)[s.arg], a.clientId),
  };
  await run[s.command]();
}

async function checkInvariants() {
  const convs = await db.query<{ id: string; status: string; owner_id: string | null; offered_to: string[] }>(
    'select id, status, owner_id, offered_to from conversations',
  );
  const online = new Set(
    (await db.query<{ id: string }>(`select id from reps where status = 'online'`)).map((r) => r.id),
  );
  for (const c of convs) {
    if (c.status === 'active') expect(c.owner_id, `active ${c.id} has an owner`).not.toBeNull();
    if (c.status === 'pending') expect(c.owner_id, `pending ${c.id} has no owner`).toBeNull();
    for (const r of c.offered_to) expect(online.has(r), `offer of ${c.id} to ${r} who is not online`).toBe(true);
    const snapshot = (await loadConversation(db, c.id))!;
    for (const rep of REPS.filter((r) => r.role === 'rep')) {
      const view = forViewer(snapshot, rep);
      if (c.status === 'active' && c.owner_id !== rep.id)
        expect(['reader', 'none'], `${rep.id} sees ${c.id} of ${c.owner_id}`).toContain(view.access);
    }
  }
  const [{ orphans }] = await db.query<{ orphans: string }>(
    'select count(*) as orphans from messages m left join conversations c on c.id = m.conversation_id where c.id is null',
  );
  expect(Number(orphans)).toBe(0);
  const [{ observer }] = await db.query<{ observer: string }>(
    `select count(*) as observer from messages where rep_id = 'r_sara'`,
  );
  expect(Number(observer)).toBe(0);
}

it('random command sequences from random roles keep every invariant', { timeout: 300_000 }, async () => {
  let applied = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
      await db.query('delete from conversations');
      await db.query('delete from blocks');
      await db.query('delete from visitors');
      await db.query(`update reps set status = 'online', missed_offers = 0`);
      for (const v of VISITORS) await touchVisitor(db, 'ch_demo', v);
      const conversations: string[] = [];
      for (const s of steps) {
        try {
          await apply(s, conversations);
          applied++;
        } catch (err) {
          if (!(err instanceof HubError)) throw err;
          refused++;
        }
        await checkInvariants();
      }
    }),
    { numRuns: 40 },
  );
  console.log(`invariants: ${applied} commands applied, ${refused} refused by the rules`);
  expect(applied).toBeGreaterThan(100);
});
