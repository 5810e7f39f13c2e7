import { RATE_LIMITS, type Rate } from '#protocol';
import { RateLimited } from '../inbox/errors';
import type { Limiter, RateStore } from './rate-store';
import { createSignInGuard, type SignInGuard } from '../auth/sign-in-guard';

/**
 * The hub's rate limits on what a stranger can reach over its sockets (FEATURES I4), built once per hub
 * from the table in protocol/limits.ts: visitor frames per socket, per visitor id and per IP; new
 * conversations per IP; sockets per IP, open at once and opened per minute; a visitor's uploads; wrong
 * passwords (auth/sign-in-guard.ts). Each refusal is a RateLimited error naming the limit and when to
 * try again. Plain REST request rates per address are @fastify/rate-limit's (transport/rest-limits.ts).
 */

type FrameKind = keyof typeof RATE_LIMITS.visitorFrames;
type Scope = 'socket' | 'visitor' | 'ip';
const SCOPES: Scope[] = ['socket', 'visitor', 'ip'];
const SCOPE_WORDS: Record<Scope, string> = { socket: 'one connection', visitor: 'one visitor', ip: 'one address' };

export interface RateTable {
  visitorFrames: Record<FrameKind, Partial<Record<Scope, Rate>>>;
  newConversationsPerIp: Rate;
  openSocketsPerIp: number;
  socketOpensPerIp: Rate;
  restPerIp: Rate;
  signIn: {
    requestsPerIp: Rate;
    accountFailures: Rate;
    ipFailures: Rate;
    lockoutSeconds: number;
    lockoutMaxSeconds: number;
    lockoutMemorySeconds: number;
  };
  uploads: Record<'visitor' | 'chat' | 'ip', Rate>;
  socketQueuedFrames: number;
}

/** Every count of the table multiplied by `factor` (PARLEY_RATE_LIMIT_SCALE: load tests, or visitors behind few addresses); times and the queue bound stay. */
export function scaleRates(table: RateTable, factor: number): RateTable {
  const rate = (r: Rate): Rate => ({ points: Math.ceil(r.points * factor), seconds: r.seconds });
  const rates = <K extends string>(o: Partial<Record<K, Rate>>) =>
    Object.fromEntries(Object.entries(o).map(([k, r]) => [k, rate(r as Rate)])) as Record<K, Rate>;
  const frames = Object.fromEntries(Object.entries(table.visitorFrames).map(([kind, scopes]) => [kind, rates(scopes)]));
  const { signIn } = table;
  return {
    ...table,
    visitorFrames: frames as RateTable['visitorFrames'],
    newConversationsPerIp: rate(table.newConversationsPerIp),
    openSocketsPerIp: Math.ceil(table.openSocketsPerIp * factor),
    socketOpensPerIp: rate(table.socketOpensPerIp),
    restPerIp: rate(table.restPerIp),
    signIn: {
      ...signIn,
      requestsPerIp: rate(signIn.requestsPerIp),
      accountFailures: rate(signIn.accountFailures),
      ipFailures: rate(signIn.ipFailures),
    },
    uploads: rates(table.uploads),
  };
}

const per = (r: Rate) =>
  r.seconds === 60
    ? 'a minute'
    : r.seconds === 3600
      ? 'an hour'
      : r.seconds % 60 === 0
        ? `in ${r.seconds / 60} minutes`
        : `in ${r.seconds} s`;

export interface HubLimits {
  /** A visitor frame of this kind from this socket, visitor and address; throws RateLimited. Kinds with no limit pass. */
  visitorFrame(kind: string, who: Record<Scope, string | null>): Promise<void>;
  /** A conversation about to be opened from this address; throws RateLimited. */
  newConversation(ip: string | null): Promise<void>;
  /** A socket opening from this address: its release() when it closes; throws RateLimited. */
  admitSocket(ip: string | null): Promise<{ release(): void }>;
  /** A visitor's upload, before a byte is read; throws RateLimited. */
  upload(who: Record<'visitor' | 'chat' | 'ip', string | null>): Promise<void>;
  /** Wrong passwords per account and per address, with growing lockouts (auth/sign-in-guard.ts). */
  signIn: SignInGuard;
  /** Frames a socket may have waiting (RATE_LIMITS.socketQueuedFrames). */
  queuedFrames: number;
  /** The numbers in force, for the REST limits Fastify counts (rest-limits.ts). */
  table: RateTable;
}

export function createHubLimits(store: RateStore, table: RateTable = RATE_LIMITS): HubLimits {
  const frameLimiters = new Map<string, { scope: Scope; rate: Rate; limiter: Limiter }[]>();
  for (const [kind, scopes] of Object.entries(table.visitorFrames) as [FrameKind, Partial<Record<Scope, Rate>>][]) {
    // A socket lives in one process: its counts never need Redis.
    frameLimiters.set(
      kind,
      SCOPES.flatMap((scope) =>
        scopes[scope]
          ? [
              {
                scope,
                rate: scopes[scope],
                limiter: (scope === 'socket' ? store.local : store.limiter)(`frame.${kind}.${scope}`, scopes[scope]),
              },
            ]
          : [],
      ),
    );
  }
  const conversations = store.limiter('conversations.ip', table.newConversationsPerIp);
  // Narrow to wide, so one address's refusals do not use up the website's count.
  const uploads = (['visitor', 'ip', 'chat'] as const).map((scope) => ({
    scope,
    rate: table.uploads[scope],
    limiter: store.limiter(`uploads.${scope}`, table.uploads[scope]),
  }));
  const UPLOAD_WORDS = { visitor: 'one visitor', chat: 'one website', ip: 'one address' };
  const opens = store.limiter('sockets.ip', table.socketOpensPerIp);
  const open = new Map<string, number>();

  return {
    async visitorFrame(kind, who) {
      for (const { scope, rate, limiter } of frameLimiters.get(kind) ?? []) {
        const key = who[scope];
        if (key === null) continue;
        const wait = await limiter.take(key);
        if (wait !== null)
          throw new RateLimited(
            `too many ${kind} frames: at most ${rate.points} ${per(rate)} from ${SCOPE_WORDS[scope]}`,
            rate.points,
            wait,
          );
      }
    },
    async newConversation(ip) {
      if (ip === null) return;
      const wait = await conversations.take(ip);
      const r = table.newConversationsPerIp;
      if (wait !== null)
        throw new RateLimited(
          `too many new conversations: at most ${r.points} ${per(r)} from one address`,
          r.points,
          wait,
        );
    },
    async admitSocket(ip) {
      if (ip === null) return { release() {} };
      const count = open.get(ip) ?? 0;
      if (count >= table.openSocketsPerIp)
        throw new RateLimited(
          `too many connections: at most ${table.openSocketsPerIp} open from one address`,
          table.openSocketsPerIp,
          1000,
        );
      const wait = await opens.take(ip);
      const r = table.socketOpensPerIp;
      if (wait !== null)
        throw new RateLimited(
          `too many connections: at most ${r.points} opened ${per(r)} from one address`,
          r.points,
          wait,
        );
      open.set(ip, (open.get(ip) ?? 0) + 1);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          const left = (open.get(ip) ?? 1) - 1;
          if (left > 0) open.set(ip, left);
          else open.delete(ip);
        },
      };
    },
    async upload(who) {
      for (const { scope, rate, limiter } of uploads) {
        const key = who[scope];
        if (key === null) continue;
        const wait = await limiter.take(key);
        if (wait !== null)
          throw new RateLimited(
            `too many files: at most ${rate.points} ${per(rate)} from ${UPLOAD_WORDS[scope]}`,
            rate.points,
            wait,
          );
      }
    },
    signIn: createSignInGuard(store, table.signIn),
    queuedFrames: table.socketQueuedFrames,
    table,
  };
}
