import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '#hub/auth/sessions';
import { openDb } from '#hub/storage/db';
import { BACKENDS, createTestDatabase, type Backend } from './support';

/**
 * `npm run admin -- create-super-user EMAIL` (FEATURES H1) as a process, on both databases: it makes
 * the first super user of an empty hub from a password on standard input, and nothing else — not a
 * second one, not with a weak password — and never prints the password.
 */
const PASSWORD = 'granite-lantern-orbit-77';

function admin(env: NodeJS.ProcessEnv, args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'hub/src/cli/admin.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.stdin.end(stdin);
    proc.on('exit', (code) => resolve({ code, out }));
  });
}

describe.each(BACKENDS)('the admin command on %s', (backend: Backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-admin-'));
  let env: NodeJS.ProcessEnv;
  let dropDb = async () => {};
  beforeAll(async () => {
    if (backend === 'pglite') {
      env = { PARLEY_DATA_DIR: dataDir, DATABASE_URL: undefined };
      return;
    }
    const created = await createTestDatabase();
    env = { DATABASE_URL: created.url };
    dropDb = created.drop;
  });
  afterAll(async () => {
    await dropDb();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const openIt = () =>
    openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : join(dataDir, 'pglite') });

  it(
    'refuses a common password on an empty hub, creating nothing and printing no password',
    { timeout: 60_000 },
    async () => {
      const { code, out } = await admin(env, ['create-super-user', 'boss@shop.example'], 'password1234\n');
      expect(code).toBe(1);
      expect(out).toMatch(/common passwords/);
      expect(out).not.toContain('password1234');
      const db = await openIt();
      expect(await db.query('select * from reps')).toEqual([]);
      await db.close();
    },
  );

  it(
    'creates the first super user from the password on standard input, who can then sign in',
    { timeout: 60_000 },
    async () => {
      const { code, out } = await admin(
        env,
        ['create-super-user', 'Boss@Shop.example', '--name', 'Dana Boss'],
        `${PASSWORD}\n`,
      );
      expect(out).toContain('super user boss@shop.example created');
      expect(code).toBe(0);
      expect(out).not.toContain(PASSWORD);
      const db = await openIt();
      expect((await login(db, 'boss@shop.example', PASSWORD))?.rep).toMatchObject({ name: 'Dana Boss', role: 'admin' });
      expect(await db.query('select demo from reps')).toEqual([{ demo: false }]);
      await db.close();
    },
  );

  it('refuses a second super user: everyone else is invited from the console', { timeout: 60_000 }, async () => {
    const { code, out } = await admin(env, ['create-super-user', 'other@shop.example'], `${PASSWORD}\n`);
    expect(code).toBe(1);
    expect(out).toMatch(/already has a super user \(boss@shop.example\)/);
    const db = await openIt();
    expect(await db.query('select email from reps')).toEqual([{ email: 'boss@shop.example' }]);
    await db.close();
  });

  it('sets a new password for a locked-out account', { timeout: 60_000 }, async () => {
    const { code } = await admin(env, ['set-password', 'boss@shop.example'], 'copper-meadow-violin-31\n');
    expect(code).toBe(0);
    const db = await openIt();
    expect(await login(db, 'boss@shop.example', PASSWORD)).toBeNull();
    expect(await login(db, 'boss@shop.example', 'copper-meadow-violin-31')).not.toBeNull();
    await db.close();
  });
});

describe('the embedded database folder', () => {
  it(
    'is refused to the admin command while another live process holds it, and taken over from a dead one',
    { timeout: 60_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'parley-admin-lock-'));
      mkdirSync(join(dataDir, 'pglite'));
      // Any live process will do as the holder: the lock names its pid.
      const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      try {
        writeFileSync(join(dataDir, 'pglite.lock'), String(holder.pid));
        const busy = await admin(
          { PARLEY_DATA_DIR: dataDir },
          ['create-super-user', 'boss@shop.example'],
          `${PASSWORD}\n`,
        );
        expect(busy.code).toBe(1);
        expect(busy.out).toMatch(
          new RegExp(`is in use by process ${holder.pid} \\(a running hub\\?\\): stop it first, or use DATABASE_URL`),
        );
      } finally {
        holder.kill();
        await new Promise((r) => holder.once('exit', r));
      }
      const free = await admin(
        { PARLEY_DATA_DIR: dataDir },
        ['create-super-user', 'boss@shop.example'],
        `${PASSWORD}\n`,
      );
      expect(free.code).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
});
