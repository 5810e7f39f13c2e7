import type { RateLimitOptions, RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyRegisterOptions, FastifyRequest } from 'fastify';
import type { Rate } from '#protocol';
import { RateLimited } from '../inbox/errors';
import { addressKey } from '../net/addresses';
import type { HubContext } from './context';

/**
 * REST request rates per address (FEATURES I4) with @fastify/rate-limit: every route but the sockets (which
 * count their own, net/hub-limits.ts) at RATE_LIMITS.restPerIp, and routes that ask for less through
 * `limitedTo` (signing in). Counted in Redis when the hub has one (REDIS_URL; a Redis error lets the
 * request through rather than failing it). An address that stands for many (net/addresses.ts) is not
 * counted. A refusal is RateLimited: 429 `rate_limited` with Retry-After, through the one error handler.
 */

const minutes = (r: Rate) => (r.seconds === 60 ? 'a minute' : `in ${r.seconds} s`);

const refusal = (what: string, rate: Rate) => (_request: FastifyRequest, c: { max: number; ttl: number }) =>
  new RateLimited(`too many ${what}: at most ${rate.points} ${minutes(rate)} from one address`, c.max, c.ttl);

/** @fastify/rate-limit's options for the whole app (app.ts registers it before the routes). */
export function restLimits(ctx: HubContext): FastifyRegisterOptions<RateLimitPluginOptions> {
  const rate = ctx.limits.table.restPerIp;
  return {
    global: true,
    max: rate.points,
    timeWindow: rate.seconds * 1000,
    keyGenerator: (request) => addressKey(request.ip, ctx.trustProxy) ?? '',
    allowList: (_request, key) => key === '',
    errorResponseBuilder: refusal('requests', rate),
    ...(ctx.rates.redis ? { redis: ctx.rates.redis, nameSpace: 'parley:rest:', skipOnError: true } : {}),
  };
}

/** A route's own, lower rate (its `config.rateLimit`); `what` names its requests in the refusal. */
export const limitedTo = (what: string, rate: Rate): RateLimitOptions => ({
  max: rate.points,
  timeWindow: rate.seconds * 1000,
  errorResponseBuilder: refusal(what, rate),
});
