import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, repForToken } from '#hub/auth/sessions';
import { visitorPast } from '#hub/inbox/annotations';
import { contactChats } from '#hub/crm/contact-chats';
import { loadConversation } from '#hub/inbox/rows';
import { deletePerson } from '#hub/people/accounts';
import { listPeople } from '#hub/people/people-list';
import type { Db } from '#hub/storage/db';
import { BACKENDS, openDemoDb } from './support';
import { inviting, takenBy, tokenOf } from './people-support';

/** Deleting a person (FEATURES H1) on both databases: their conversations stay, under their name, marked former. */
describe.each(BACKENDS)('deleting a person on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openDemoDb(backend, 'visitor-people');
  });
  afterEach(() => db.close());

  describe('deleting someone', () => {
    it('keeps their conversations under their name, marked former; their address may be invited again', async () => {
      const anna = (await repForToken(db, await tokenOf(db, 'anna@demo.parley.test')))!;
      const conversationId = await takenBy(db, anna);
      await db.query(`update conversations set status = 'closed' where id = $1`, [conversationId]);

      await deletePerson(db, 'r_anna');
      expect(await loadConversation(db, conversationId)).toMatchObject({
        ownerId: 'r_anna',
        ownerName: 'Anna Rossi',
        ownerFormer: true,
      });
      expect(await login(db, 'anna@demo.parley.test', 'parley-demo')).toBeNull();
      expect((await listPeople(db)).people.map((p) => p.id)).not.toContain('r_anna');
      expect(await db.query(`select * from queue_members where rep_id = 'r_anna'`)).toEqual([]);
      const again = await inviting(db, {
        email: 'anna@demo.parley.test',
        name: 'Anna Rossi',
        role: 'rep',
        extension: null,
      });
      expect(again.person.id).not.toBe('r_anna');
    });

    it("marks them former in the visitor's history and in the contact's chats on a CRM page", async () => {
      const anna = (await repForToken(db, await tokenOf(db, 'anna@demo.parley.test')))!;
      const ben = (await repForToken(db, await tokenOf(db, 'ben@demo.parley.test')))!;
      const earlier = await takenBy(db, anna);
      await db.query(`update conversations set status = 'closed' where id = $1`, [earlier]);
      await db.query(
        `update visitors set email = 'people@shop.example', email_verified = true where id = 'visitor-people'`,
      );
      await deletePerson(db, 'r_anna');

      const now = await takenBy(db, ben);
      const former = { id: earlier, ownerName: 'Anna Rossi', ownerFormer: true };
      expect(await visitorPast(db, ben, now)).toEqual([expect.objectContaining(former)]);
      const chats = await contactChats(db, ben, 'people@shop.example', null, true, null);
      expect(chats.conversations).toEqual([
        expect.not.objectContaining({ ownerFormer: true }),
        expect.objectContaining(former),
      ]);
    });

    it('is refused while the routing bot hands chats to them', async () => {
      await db.query(`insert into bot_configs (chat_id, config) values ('ch_demo', $1)`, [
        JSON.stringify({ customerRoute: { kind: 'rep', repId: 'r_ben' }, followUp: { leadAssign: null } }),
      ]);
      await expect(deletePerson(db, 'r_ben')).rejects.toThrow(/routing bot of Demo shop/);
      expect(await db.query(`select deleted_at from reps where id = 'r_ben'`)).toEqual([{ deleted_at: null }]);
    });
  });
});
