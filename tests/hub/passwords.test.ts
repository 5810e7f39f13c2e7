import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCRYPT, verifyPassword } from '#hub/auth/passwords';
import { login } from '#hub/auth/sessions';
import { DEMO_PASSWORD } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { BACKENDS, openDemoDb } from './support';

/** Password hashing cost (FEATURES I4): new hashes at N = 2^17, older ones made again at the next sign-in. */

/** A hash as the hub made them before: N = 2^14. */
function oldHash(password: string) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  return ['scrypt', 2 ** 14, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

const hashOf = async (db: Db, id: string) =>
  (await db.query<{ password_hash: string }>('select password_hash from reps where id = $1', [id]))[0].password_hash;

describe.each(BACKENDS)('password hashes on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openDemoDb(backend, 'visitor-pw-1');
  });
  afterEach(() => db.close());

  it('stores new hashes at scrypt N = 2^17, r = 8, p = 1', async () => {
    expect(SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    const [scheme, N, r, p] = (await hashOf(db, 'r_anna')).split('$');
    expect({ scheme, N: Number(N), r: Number(r), p: Number(p) }).toEqual({ scheme: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(await login(db, 'anna@demo.parley.test', DEMO_PASSWORD)).not.toBeNull();
  });

  it('makes an older, cheaper hash again at the next sign-in, and only when the password was right', async () => {
    const old = oldHash('old-secret-1');
    await db.query('update reps set password_hash = $1 where id = $2', [old, 'r_ben']);
    expect(await login(db, 'ben@demo.parley.test', 'wrong-secret')).toBeNull();
    expect(await hashOf(db, 'r_ben')).toBe(old);

    expect(await login(db, 'ben@demo.parley.test', 'old-secret-1')).toMatchObject({ rep: { id: 'r_ben' } });
    const upgraded = await hashOf(db, 'r_ben');
    expect(upgraded).toMatch(new RegExp(`^scrypt\\$${2 ** 17}\\$8\\$1\\$`));
    expect(await verifyPassword('old-secret-1', upgraded)).toBe(true);
    // Signing in again still works, and leaves the (now current) hash alone.
    expect(await login(db, 'ben@demo.parley.test', 'old-secret-1')).not.toBeNull();
    expect(await hashOf(db, 'r_ben')).toBe(upgraded);
  });
});
