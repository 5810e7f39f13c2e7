import { hashPassword } from '../auth/passwords';
import type { Db } from '../storage/db';
import { seedDemoTemplates } from './templates';
import { seedCrmDemo, type CrmDemoOptions } from './crm-seed';

/** Demo data: one chat, one queue, two reps, a supervisor, a super user, quick-reply templates, customers and the demo shop's store. Idempotent. */
export const DEMO_PASSWORD = 'parley-demo';
export const DEMO_CHAT_KEY = 'demo-shop';

export const DEMO_REPS = [
  { id: 'r_anna', email: 'anna@demo.parley.test', name: 'Anna Rossi', role: 'rep', extension: '101' },
  { id: 'r_ben', email: 'ben@demo.parley.test', name: 'Ben Novak', role: 'rep', extension: '102' },
  { id: 'r_sara', email: 'sara@demo.parley.test', name: 'Sara Weber', role: 'observer', extension: '201' },
  { id: 'r_alex', email: 'alex@demo.parley.test', name: 'Alex Kowalski', role: 'admin', extension: '301' },
] as const;

const CUSTOMERS = [
  { id: 'cu_1', email: 'maria.bianchi@example.com', phone: '+39 055 123 4567', name: 'Maria Bianchi', company: 'Bianchi Arredamenti' },
  { id: 'cu_2', email: 'jonas.keller@example.com', phone: '+49 30 5550 1234', name: 'Jonas Keller', company: null },
  { id: 'cu_3', email: 'ewa.zielinska@example.com', phone: '+48 22 555 0199', name: 'Ewa Zielińska', company: 'Zielińska Studio' },
  { id: 'cu_4', email: 'petr.dvorak@example.com', phone: '+420 601 555 123', name: 'Petr Dvořák', company: null },
];

export async function seedDemo(db: Db, options: CrmDemoOptions = {}): Promise<boolean> {
  const [existing] = await db.query('select 1 from chats where key = $1', [DEMO_CHAT_KEY]);
  if (existing) return false;
  const hashes = await Promise.all(DEMO_REPS.map(() => hashPassword(DEMO_PASSWORD)));
  await db.transaction(async (tx) => {
    await tx.query(`insert into chats (id, key, name) values ('ch_demo', $1, 'Demo shop')`, [DEMO_CHAT_KEY]);
    await tx.query(`insert into queues (id, chat_id, name) values ('q_demo', 'ch_demo', 'Sales & support')`);
    for (const [i, r] of DEMO_REPS.entries()) {
      await tx.query('insert into reps (id, email, name, role, extension, password_hash) values ($1, $2, $3, $4, $5, $6)', [r.id, r.email, r.name, r.role, r.extension, hashes[i]]);
      if (r.role === 'rep') await tx.query(`insert into queue_members (queue_id, rep_id, position) values ('q_demo', $1, $2)`, [r.id, i]);
    }
    for (const c of CUSTOMERS) {
      await tx.query('insert into customers (id, email, phone, name, company) values ($1, $2, $3, $4, $5)', [c.id, c.email, c.phone, c.name, c.company]);
    }
    await seedDemoTemplates(tx, 'ch_demo');
    await seedCrmDemo(tx, options);
  });
  return true;
}
