import { createHash } from 'node:crypto';
import { RATE_LIMITS } from '#protocol';
import { RateLimited } from '../inbox/errors';
import type { RateTable } from '../net/hub-limits';
import type { RateStore } from '../net/rate-store';

/**
 * Password guessing (FEATURES I4): sign-in attempts are counted per account (whoever tries) and per
 * address (whichever account), with rate-limiter-flexible over the hub's rate store. Each attempt is
 * counted before its password is checked, so however many arrive at once no more than the limit are
 * checked; a right password takes its counts back (the account's starts again). When an attempt that
 * reached a limit fails, that account or address is locked out; each lockout within
 * RATE_LIMITS.signIn.lockoutMemorySeconds lasts twice the one before (a growing back-off), up to
 * lockoutMaxSeconds. A refused attempt checks no password (no scrypt, no timing to learn from).
 * Requests from one address are also limited before any of this, by @fastify/rate-limit (routes/auth.ts).
 */

type Scope = 'account' | 'address';
const WORDS: Record<Scope, string> = { account: 'this account', address: 'this address' };

export interface SignInAttempt {
  /** The password was wrong: a count at its limit locks its account or address out. */
  failed(): Promise<void>;
  /** The password was right: the account's count starts again, the address gets this attempt back. */
  succeeded(): Promise<void>;
}

export interface SignInGuard {
  /** Counts an attempt, or throws RateLimited. `address`: null for one that stands for many (not counted). */
  attempt(email: string, address: string | null): Promise<SignInAttempt>;
}

/** Accounts are counted by a hash of the address as typed, trimmed and lower-cased: no email sits in Redis. */
const accountKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

export function createSignInGuard(store: RateStore, table: RateTable['signIn'] = RATE_LIMITS.signIn): SignInGuard {
  const memory = { points: Number.MAX_SAFE_INTEGER, seconds: table.lockoutMemorySeconds };
  const scope = (name: Scope, rate: RateTable['signIn']['accountFailures']) => ({
    name,
    rate,
    attempts: store.limiter(`signin.${name}`, rate),
    lockouts: store.limiter(`signin.lockouts.${name}`, memory),
  });
  type Counter = ReturnType<typeof scope>;
  const scopes: Record<Scope, Counter> = {
    account: scope('account', table.accountFailures),
    address: scope('address', table.ipFailures),
  };
  type Counted = { s: Counter; key: string; count: number };
  const lockOut = async ({ s, key }: Counted) => {
    const { count: lockouts } = await s.lockouts.count(key);
    await s.attempts.block(key, Math.min(table.lockoutSeconds * 2 ** (lockouts - 1), table.lockoutMaxSeconds));
  };

  return {
    async attempt(email, address) {
      const keys: [Counter, string][] = [[scopes.account, accountKey(email)]];
      if (address) keys.push([scopes.address, address]);
      const counted: Counted[] = [];
      for (const [s, key] of keys) {
        const { count, msLeft } = await s.attempts.count(key);
        if (count > s.rate.points) {
          // Refused: what this attempt counted is taken back (it checks nothing).
          await Promise.all([s.attempts.giveBack(key), ...counted.map((c) => c.s.attempts.giveBack(c.key))]);
          throw new RateLimited(
            `too many sign-in attempts for ${WORDS[s.name]}: signing in is locked`,
            s.rate.points,
            msLeft,
          );
        }
        counted.push({ s, key, count });
      }
      return {
        failed: async () => void (await Promise.all(counted.filter((c) => c.count >= c.s.rate.points).map(lockOut))),
        succeeded: async () =>
          void (await Promise.all(
            counted.map((c) => (c.s.name === 'account' ? c.s.attempts.reset(c.key) : c.s.attempts.giveBack(c.key))),
          )),
      };
    },
  };
}
