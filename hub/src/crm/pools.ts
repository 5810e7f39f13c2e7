import type { DistributionPool, PersonRef } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';

/**
 * Distribution pools (FEATURES E5, H3): a lead given to a pool goes to its members in turn. The turn is
 * claimed with one UPDATE of the pool's counter inside the caller's transaction, so the row lock
 * orders concurrent claims — from one hub or several — and no turn is given twice or skipped.
 */
export async function claimPoolTurn(tx: Sql, poolId: string): Promise<{ pool: PersonRef; owner: PersonRef }> {
  const [pool] = await tx.query<{ id: string; name: string; turns: string }>(
    'update crm_pools set turns = turns + 1 where id = $1 returning id, name, turns',
    [poolId],
  );
  if (!pool) throw new HubError('not_found', 'no such distribution pool');
  const members = await tx.query<{ id: string; name: string }>(
    'select r.id, r.name from crm_pool_members m join reps r on r.id = m.rep_id where m.pool_id = $1 order by m.position, r.id',
    [poolId],
  );
  // Refused, the transaction rolls back and the turn is not used up.
  if (members.length === 0) throw new HubError('conflict', `distribution pool ${pool.name} has no members`);
  const owner = members[(Number(pool.turns) - 1) % members.length];
  return { pool: { id: pool.id, name: pool.name }, owner };
}

export async function listPools(tx: Sql): Promise<DistributionPool[]> {
  const pools = await tx.query<{ id: string; name: string }>('select id, name from crm_pools order by name, id');
  const members = await tx.query<{ pool_id: string; id: string; name: string }>(
    'select m.pool_id, r.id, r.name from crm_pool_members m join reps r on r.id = m.rep_id order by m.position, r.id',
  );
  return pools.map((p) => ({
    id: p.id,
    name: p.name,
    members: members.filter((m) => m.pool_id === p.id).map(({ id, name }) => ({ id, name })),
  }));
}
