import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { VISITOR_HEADER, VisitorToken, type RepProfile } from '#protocol';
import { acting, repForToken } from '../../auth/sessions';
import { HubError } from '../../inbox/errors';
import type { HubContext } from '../context';

/**
 * Who is calling, checked in `onRequest` — before the body is read and before the query and path
 * are validated — so a caller who may not use a route learns nothing else about it. A route's
 * handler then reads the caller with `callerRep` / `callerVisitor`.
 */

const reps = new WeakMap<FastifyRequest, RepProfile>();
const visitors = new WeakMap<FastifyRequest, string>();

export const bearer = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

async function tokenRep(request: FastifyRequest, ctx: HubContext): Promise<RepProfile> {
  const token = bearer(request);
  const rep = token ? await repForToken(ctx.db, token) : null;
  if (!rep) throw new HubError('unauthorized', 'sign in again: missing or invalid token');
  return rep;
}

/** The rep whose bearer token the request carries, acting in their current mode; 401 without one. */
export const signedInRep = async (request: FastifyRequest, ctx: HubContext) => acting(await tokenRep(request, ctx));

export const signedIn = (ctx: HubContext): onRequestAsyncHookHandler =>
  async function signedInGuard(request) {
    reps.set(request, await signedInRep(request, ctx));
  };

/** A super user (FEATURES H2, H3); 401 without a valid token, 403 for anyone else. `what` they change is in the refusal. */
export const superUser = (ctx: HubContext, what = 'settings'): onRequestAsyncHookHandler =>
  async function superUserGuard(request) {
    const rep = await tokenRep(request, ctx);
    if (rep.role !== 'admin') throw new HubError('forbidden', `only super users can change ${what}`);
    reps.set(request, rep);
  };

/**
 * A signed-in rep by the role they were granted, whatever mode they work in, and whatever `check`
 * (e.g. analytics' export rule) says of it: 401 without a valid token, the check's refusal next.
 */
export const grantedRep = (ctx: HubContext, check: (rep: RepProfile) => void = () => {}): onRequestAsyncHookHandler =>
  async function grantedRepGuard(request) {
    const rep = await tokenRep(request, ctx);
    check(rep);
    reps.set(request, rep);
  };

/** The visitor credential the widget sends in its header, or null without one (a rep's request); a malformed one is refused. */
export function visitorToken(request: FastifyRequest): string | null {
  const raw = request.headers[VISITOR_HEADER];
  if (raw === undefined) return null;
  const parsed = VisitorToken.safeParse(raw);
  if (!parsed.success) throw new HubError('unauthorized', `${VISITOR_HEADER} is not a visitor credential`);
  return parsed.data;
}

/** A widget's request: it must carry its visitor credential (which chat it opens is the route's to check). */
export const visitor: onRequestAsyncHookHandler = async function visitorGuard(request) {
  const token = visitorToken(request);
  if (!token) throw new HubError('unauthorized', `missing ${VISITOR_HEADER}`);
  visitors.set(request, token);
};

function checked<T>(map: WeakMap<FastifyRequest, T>, request: FastifyRequest): T {
  const found = map.get(request);
  if (found === undefined) throw new Error(`${request.routeOptions.url}: the route has no guard for its caller`);
  return found;
}

export const callerRep = (request: FastifyRequest) => checked(reps, request);
export const callerVisitorToken = (request: FastifyRequest) => checked(visitors, request);
