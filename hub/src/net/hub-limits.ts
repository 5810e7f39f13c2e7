import { RATE_LIMITS, type Rate } from '#protocol';
import { RateLimited } from '../inbox/errors';
import type { Limiter, RateStore } from './rate-store';

/**
 * The hub's rate limits on what a stranger can reach over its sockets (FEATURES I4), built once per hub
 * from the table in protocol/limits.ts: visitor frames per socket, per visitor id and per IP; new
 * conversations per IP; sockets per IP, open at once and opened per minute. Each refusal is a
 * RateLimited error naming the limit and when to try again. REST limits are Fastify's (rest-limits.ts).
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
  socketQueuedFrames: number;
}

/** Every count of the table multiplied by `factor` (PARLEY_RATE_LIMIT_SCALE: load tests, or visitors behind few addresses); the queue bound stays. */
export function scaleRates(table: RateTable, factor: number): RateTable {
  const rate = (r: Rate): Rate => ({ points: Math.ceil(r.points * factor), seconds: r.seconds });
  const frames = Object.fromEntries(
    Object.entries(table.visitorFrames).map(([kind, scopes]) => [
      kind,
      Object.fromEntries(Object.entries(scopes).map(([s, r]) => [s, rate(r)])),
    ]),
  );
  return {
    ...table,
    visitorFrames: frames as RateTable['visitorFrames'],
    newConversationsPerIp: rate(table.newConversationsPerIp),
    openSocketsPerIp: Math.ceil(table.openSocketsPerIp * factor),
    socketOpensPerIp: rate(table.socketOpensPerIp),
  };
}

const per = (r: Rate) => (r.seconds === 60 ? 'a minute' : r.seconds === 3600 ? 'an hour' : `in ${r.seconds} s`);

export interface HubLimits {
  /** A visitor frame of this kind from this socket, visitor and address; throws RateLimited. Kinds with no limit pass. */
  visitorFrame(kind: string, who: Record<Scope, string | null>): Promise<void>;
  /** A conversation about to be opened from this address; throws RateLimited. */
  newConversation(ip: string | null): Promise<void>;
  /** A socket opening from this address: its release() when it closes; throws RateLimited. */
  admitSocket(ip: string | null): Promise<{ release(): void }>;
  /** Frames a socket may have waiting (RATE_LIMITS.socketQueuedFrames). */
  queuedFrames: number;
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
    queuedFrames: table.socketQueuedFrames,
  };
}
