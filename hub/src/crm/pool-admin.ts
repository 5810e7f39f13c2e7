import { POOL_LIMITS, type DistributionPool, type PersonRef, type PoolInput, type PoolUpdate } from '#protocol';
import { HubError } from '../inbox/errors';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';
import { listPools } from './pools';

/**
 * Super users keep the distribution pools (FEATURES E5, H3): create, rename, set members, delete. Each
 * change runs in the caller's transaction and checks everything before it writes, so a refused
 * change leaves the pool as it was. The round-robin counter survives a change of members: the next
 * lead goes to the member whose turn it is in the new list.
 */

/** Reps a lead can be given to (supervisors cannot own records): the same set create lead offers. */
export async function poolCandidates(tx: Sql): Promise<PersonRef[]> {
  return tx.query<PersonRef>(
    `select id, name from reps where role <> 'observer' and deleted_at is null and disabled_at is null order by name, id`,
  );
}

async function checkMembers(tx: Sql, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const found = await tx.query<{ id: string }>(
    `select id from reps where id = any($1::text[]) and role <> 'observer' and deleted_at is null`,
    [memberIds],
  );
  const known = new Set(found.map((r) => r.id));
  const missing = memberIds.findIndex((id) => !known.has(id));
  if (missing >= 0)
    throw new HubError('bad_frame', `memberIds.${missing}: ${memberIds[missing]} is not a rep who can own leads`);
}

async function checkNameFree(tx: Sql, name: string, exceptId: string | null): Promise<void> {
  const [taken] = await tx.query<{ id: string }>(
    "select id from crm_pools where lower(name) = lower($1) and id <> coalesce($2, '')",
    [name, exceptId],
  );
  if (taken) throw new HubError('conflict', `a distribution pool named "${name}" already exists`);
}

async function setMembers(tx: Sql, poolId: string, memberIds: string[]): Promise<void> {
  await tx.query('delete from crm_pool_members where pool_id = $1', [poolId]);
  if (memberIds.length === 0) return;
  await tx.query(
    'insert into crm_pool_members (pool_id, rep_id, position) select $1, m.id, m.position - 1 from unnest($2::text[]) with ordinality as m(id, position)',
    [poolId, memberIds],
  );
}

async function poolById(tx: Sql, id: string): Promise<DistributionPool> {
  const pool = (await listPools(tx)).find((p) => p.id === id);
  if (!pool) throw new HubError('not_found', 'no such distribution pool');
  return pool;
}

export async function createPool(tx: Sql, input: PoolInput): Promise<DistributionPool> {
  // Serialises pool creation, so two super users cannot pass the count and name checks together.
  await tx.query('lock table crm_pools in share row exclusive mode');
  const [{ n }] = await tx.query<{ n: string }>('select count(*) as n from crm_pools');
  if (Number(n) >= POOL_LIMITS.pools)
    throw new HubError(
      'conflict',
      `there are already ${POOL_LIMITS.pools} distribution pools; delete one first`,
      POOL_LIMITS.pools,
    );
  await checkNameFree(tx, input.name, null);
  await checkMembers(tx, input.memberIds);
  const id = newId('pl');
  await tx.query('insert into crm_pools (id, name) values ($1, $2)', [id, input.name]);
  await setMembers(tx, id, input.memberIds);
  return poolById(tx, id);
}

export async function updatePool(tx: Sql, id: string, update: PoolUpdate): Promise<DistributionPool> {
  await tx.query('lock table crm_pools in share row exclusive mode');
  const [row] = await tx.query<{ id: string }>('select id from crm_pools where id = $1 for update', [id]);
  if (!row) throw new HubError('not_found', 'no such distribution pool');
  if (update.name !== undefined) await checkNameFree(tx, update.name, id);
  if (update.memberIds !== undefined) await checkMembers(tx, update.memberIds);
  if (update.name !== undefined) await tx.query('update crm_pools set name = $2 where id = $1', [id, update.name]);
  if (update.memberIds !== undefined) await setMembers(tx, id, update.memberIds);
  return poolById(tx, id);
}

export async function deletePool(tx: Sql, id: string): Promise<void> {
  const deleted = await tx.query<{ id: string }>('delete from crm_pools where id = $1 returning id', [id]);
  if (deleted.length === 0) throw new HubError('not_found', 'no such distribution pool');
}
