import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';

/**
 * Passwords are stored as scrypt hashes: `scrypt$N$r$p$salt$hash`, all parameters kept so they can be
 * raised later; a hash made with lower ones than SCRYPT is made again at the next sign-in (sessions.ts).
 */

/** The cost of a new hash (FEATURES I4): N = 2^17 (128 MiB of memory per hash, OWASP's scrypt floor), r = 8, p = 1. */
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node refuses anything past `maxmem` (32 MiB by default, too little for SCRYPT). */
const memoryFor = (o: ScryptOptions) => 128 * (o.N ?? SCRYPT.N) * (o.r ?? SCRYPT.r) * 2;

/**
 * Hashes made at once in this process. Each takes a core for a good part of a second: one at a time
 * leaves the other core to the hub's event loop however many sign-ins arrive together (the sign-in
 * guard and rate limits keep them few; this keeps a burst of them from slowing everyone else).
 */
const HASHES_AT_ONCE = 1;
const oneAtATime = pLimit(HASHES_AT_ONCE);

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return oneAtATime(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(password.normalize('NFKC'), salt, KEY_BYTES, { ...opts, maxmem: memoryFor(opts) }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const parse = (stored: string) => {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  return scheme === 'scrypt' && salt && hash ? { N: Number(N), r: Number(r), p: Number(p), salt, hash } : null;
};

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const expected = Buffer.from(h.hash, 'base64');
  const actual = await scrypt(password, Buffer.from(h.salt, 'base64'), { N: h.N, r: h.r, p: h.p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Was this hash made at a lower cost than SCRYPT (so it should be made again once the password is known)? */
export function needsRehash(stored: string): boolean {
  const h = parse(stored);
  return !h || h.N < SCRYPT.N || h.r < SCRYPT.r || h.p < SCRYPT.p;
}
