import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtinConnector } from '#hub/crm/builtin/index';
import { claimPoolTurn } from '#hub/crm/pools';
import { seedDemo } from '#hub/demo/seed';
import type { Db } from '#hub/storage/db';
import { migrate } from '#hub/storage/migrate';
import { connectorContract } from './crm-contract';
import { BACKENDS, openTestDb } from './support';

/** The built-in customer store on both databases: the connector contract, and round robin over a distribution pool. */
describe.each(BACKENDS)('built-in store on %s', (backend) => {
  describe('connector contract', () => connectorContract(backend, () => builtinConnector));

  describe('distribution pool round robin', () => {
    let db: Db;
    beforeEach(async () => {
      db = await openTestDb(backend);
      await migrate(db);
      await seedDemo(db);
      await db.query(`insert into crm_pools (id, name) values ('pl_3', 'Three')`);
      await db.query(
        `insert into crm_pool_members (pool_id, rep_id, position) values ('pl_3', 'r_ben', 0), ('pl_3', 'r_anna', 1), ('pl_3', 'r_alex', 2)`,
      );
    });
    afterEach(() => db.close());

    const tally = (owners: string[]) =>
      owners.reduce<Record<string, number>>((n, o) => ({ ...n, [o]: (n[o] ?? 0) + 1 }), {});

    it('gives many leads to the members in turn, evenly', async () => {
      const owners: string[] = [];
      for (let i = 0; i < 100; i++) owners.push((await db.transaction((tx) => claimPoolTurn(tx, 'pl_3'))).owner.id);
      expect(owners.slice(0, 6)).toEqual(['r_ben', 'r_anna', 'r_alex', 'r_ben', 'r_anna', 'r_alex']);
      expect(tally(owners)).toEqual({ r_ben: 34, r_anna: 33, r_alex: 33 });
    });

    it('gives every turn exactly once when claims run at the same time', async () => {
      const claims = await Promise.all(
        Array.from({ length: 30 }, () => db.transaction((tx) => claimPoolTurn(tx, 'pl_3'))),
      );
      expect(tally(claims.map((c) => c.owner.id))).toEqual({ r_ben: 10, r_anna: 10, r_alex: 10 });
      expect(
        Number((await db.query<{ turns: string }>(`select turns from crm_pools where id = 'pl_3'`))[0].turns),
      ).toBe(30);
    });

    it('refuses a pool without members and does not use up a turn', async () => {
      await db.query(`insert into crm_pools (id, name) values ('pl_empty', 'Nobody')`);
      await expect(db.transaction((tx) => claimPoolTurn(tx, 'pl_empty'))).rejects.toMatchObject({ code: 'conflict' });
      await expect(db.transaction((tx) => claimPoolTurn(tx, 'pl_none'))).rejects.toMatchObject({ code: 'not_found' });
      expect(
        Number((await db.query<{ turns: string }>(`select turns from crm_pools where id = 'pl_empty'`))[0].turns),
      ).toBe(0);
    });
  });
});
