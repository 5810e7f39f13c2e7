import { hashPassword } from '../auth/passwords';
import type { Db } from '../storage/db';
import { seedDemoTemplates } from './templates';
import { seedCrmDemo, type CrmDemoOptions } from './crm-seed';

/** Demo data: one chat, one queue, two reps, a supervisor, a super user, quick-reply templates and the demo shop's customer store (its persons live in crm_contacts; the old customers table gets nothing). Idempotent. */
export const DEMO_PASSWORD = 'parley-demo';
export const DEMO_CHAT_KEY = 'demo-shop';

export const DEMO_REPS = [
  { id: 'r_anna', email: 'anna@demo.parley.test', name: 'Anna Rossi', role: 'rep', extension: '101' },
  { id: 'r_ben', email: 'ben@demo.parley.test', name: 'Ben Novak', role: 'rep', extension: '102' },
  { id: 'r_sara', email: 'sara@demo.parley.test', name: 'Sara Weber', role: 'observer', extension: '201' },
  { id: 'r_alex', email: 'alex@demo.parley.test', name: 'Alex Kowalski', role: 'admin', extension: '301' },
] as const;

// One hash for the four demo accounts (their password is public anyway), made once per process:
// at SCRYPT's cost, four per seed would slow every start and every test that seeds.
let demoHash: Promise<string> | undefined;

export async function seedDemo(db: Db, options: CrmDemoOptions = {}): Promise<boolean> {
  const [existing] = await db.query('select 1 from chats where key = $1', [DEMO_CHAT_KEY]);
  if (existing) return false;
  const hash = await (demoHash ??= hashPassword(DEMO_PASSWORD));
  await db.transaction(async (tx) => {
    await tx.query(`insert into chats (id, key, name) values ('ch_demo', $1, 'Demo shop')`, [DEMO_CHAT_KEY]);
    // The generated shop tells its product pages apart by their query (shop-product.html?p=…), so with
    // the catalog the demo chat keeps query strings in page tracking (issue 14); a new chat does not.
    // Without it the seed writes only columns older databases have (the migration tests fill one).
    if (options.catalog) await tx.query(`update chats set track_query = true where id = 'ch_demo'`);
    await tx.query(`insert into queues (id, chat_id, name) values ('q_demo', 'ch_demo', 'Sales & support')`);
    for (const [i, r] of DEMO_REPS.entries()) {
      await tx.query(
        'insert into reps (id, email, name, role, extension, password_hash) values ($1, $2, $3, $4, $5, $6)',
        [r.id, r.email, r.name, r.role, r.extension, hash],
      );
      if (r.role === 'rep')
        await tx.query(`insert into queue_members (queue_id, rep_id, position) values ('q_demo', $1, $2)`, [r.id, i]);
    }
    await seedDemoTemplates(tx, 'ch_demo');
    await seedCrmDemo(tx, options);
  });
  return true;
}
