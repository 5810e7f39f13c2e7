import * as z from 'zod';
import { CRM_LIMITS } from './crm-limits';
import { Id } from './model';
import { DistributionPool, FieldLayout, PersonRef } from './crm';

/**
 * Super users' REST bodies for the customer store's settings (FEATURES E4, E5, H3): distribution pools
 * (`/api/admin/crm/pools`) and the answer of the field layouts list. The hub checks the role and
 * parses every body with these; the options page validates with the same schemas before sending.
 */

export const POOL_LIMITS = {
  /** Characters in a pool's name. */
  nameChars: 80,
  /** Pools in the store; creating one more is refused. */
  pools: 50,
  /** Reps in one pool. */
  members: CRM_LIMITS.poolMembers,
} as const;

export const PoolName = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(POOL_LIMITS.nameChars, `name is longer than ${POOL_LIMITS.nameChars} characters`)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'name contains control characters');

/** The reps of a pool, in the order leads go round to them. */
export const PoolMemberIds = z
  .array(Id)
  .max(POOL_LIMITS.members, `a pool has at most ${POOL_LIMITS.members} members`)
  .refine((ids) => new Set(ids).size === ids.length, 'a rep is in the list twice');

/** `POST /api/admin/crm/pools`. */
export const PoolInput = z.object({ name: PoolName, memberIds: PoolMemberIds });
export type PoolInput = z.infer<typeof PoolInput>;

/** `PUT /api/admin/crm/pools/:id`: rename, set the members, or both. */
export const PoolUpdate = z
  .object({ name: PoolName.optional(), memberIds: PoolMemberIds.optional() })
  .refine(
    (u) => u.name !== undefined || u.memberIds !== undefined,
    'nothing to change: give a name, memberIds or both',
  );
export type PoolUpdate = z.infer<typeof PoolUpdate>;

/** `GET /api/admin/crm/pools`: the pools, and the reps who may be members (everyone who can own a lead). */
export const PoolsResponse = z.object({ pools: z.array(DistributionPool), reps: z.array(PersonRef) });
export type PoolsResponse = z.infer<typeof PoolsResponse>;
export const PoolResponse = z.object({ pool: DistributionPool });
export type PoolResponse = z.infer<typeof PoolResponse>;

/** `GET /api/admin/crm/layouts`. */
export const LayoutsResponse = z.object({ layouts: z.array(FieldLayout) });
export type LayoutsResponse = z.infer<typeof LayoutsResponse>;
