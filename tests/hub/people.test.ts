import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { login, purgeExpired, repForToken } from '#hub/auth/sessions';
import { loadConversation } from '#hub/inbox/rows';
import { changePerson, deletePerson, resetPassword, signOutEverywhere } from '#hub/people/accounts';
import { saveRepDefaults } from '#hub/people/defaults';
import { findLink, toLinkInfo } from '#hub/people/links';
import { listPeople } from '#hub/people/people-list';
import { setPasswordWithLink } from '#hub/people/set-password';
import type { Db } from '#hub/storage/db';
import { BACKENDS, openDemoDb } from './support';
import { GOOD, inviting, snapshot, takenBy, tokenOf } from './people-support';

/**
 * People (FEATURES H1) on both databases, below HTTP: invitations and one-time links, role changes,
 * disabling, resets and the last super user (deletion: people-deletion.test.ts). A refused change changes nothing.
 */
describe.each(BACKENDS)('people on %s', (backend) => {
  let db: Db;
  beforeEach(async () => {
    db = await openDemoDb(backend, 'visitor-people');
  });
  afterEach(() => db.close());

  describe('invitations', () => {
    it('an invited rep has no password until they set one through their link, which then works no more', async () => {
      const { person, token } = await inviting(db, {
        email: 'Cleo@Shop.example',
        name: 'Cleo Marino',
        role: 'rep',
        extension: '103',
        queueIds: ['q_demo'],
      });
      expect(person).toMatchObject({
        email: 'cleo@shop.example',
        state: 'invited',
        role: 'rep',
        extension: '103',
        queueIds: ['q_demo'],
      });
      expect(toLinkInfo((await findLink(db, token))!)).toMatchObject({
        email: 'cleo@shop.example',
        name: 'Cleo Marino',
        purpose: 'invite',
      });
      expect(await login(db, 'cleo@shop.example', GOOD)).toBeNull();

      await setPasswordWithLink(db, token, GOOD);
      const session = await login(db, 'cleo@shop.example', GOOD);
      expect(session?.rep).toMatchObject({ email: 'cleo@shop.example', role: 'rep' });
      await expect(setPasswordWithLink(db, token, 'another-good-passphrase')).rejects.toThrow(/no longer valid/);
      expect(await login(db, 'cleo@shop.example', 'another-good-passphrase')).toBeNull();
      expect((await listPeople(db)).people.find((p) => p.email === 'cleo@shop.example')?.state).toBe('active');
    });

    it('a common or short password is refused through the link, and the link stays usable', async () => {
      const { token } = await inviting(db, {
        email: 'cleo@shop.example',
        name: 'Cleo Marino',
        role: 'rep',
        extension: null,
      });
      await expect(setPasswordWithLink(db, token, 'password1234')).rejects.toThrow(/common passwords/);
      await expect(setPasswordWithLink(db, token, 'short')).rejects.toThrow(/at least 12/);
      expect(await findLink(db, token)).not.toBeNull();
      await setPasswordWithLink(db, token, GOOD);
    });

    it('an expired link is refused', async () => {
      const { token } = await inviting(db, {
        email: 'cleo@shop.example',
        name: 'Cleo Marino',
        role: 'rep',
        extension: null,
      });
      await db.query(`update account_links set expires_at = now() - interval '1 second'`);
      await expect(setPasswordWithLink(db, token, GOOD)).rejects.toThrow(/no longer valid/);
    });

    it('refuses an address that has an account, or a queue that does not exist, storing nothing', async () => {
      const before = await snapshot(db);
      await expect(
        inviting(db, { email: 'ANNA@demo.parley.test', name: 'Anna Again', role: 'rep', extension: null }),
      ).rejects.toThrow(/already has an account/);
      await expect(
        inviting(db, {
          email: 'cleo@shop.example',
          name: 'Cleo',
          role: 'rep',
          extension: null,
          queueIds: ['q_nowhere'],
        }),
      ).rejects.toThrow(/no queue q_nowhere/);
      expect(await snapshot(db)).toEqual(before);
      expect(await db.query('select * from account_links')).toEqual([]);
    });

    it('a new rep starts with the defaults: availability, alerts on their first sign-in only, queues', async () => {
      await saveRepDefaults(
        db,
        { availability: 'away', sounds: false, notifications: true, queueIds: ['q_demo'] },
        'r_alex',
      );
      const { person, token } = await inviting(db, {
        email: 'cleo@shop.example',
        name: 'Cleo Marino',
        role: 'rep',
        extension: null,
      });
      expect(person.queueIds).toEqual(['q_demo']);
      expect(await db.query('select sign_in_status from reps where id = $1', [person.id])).toEqual([
        { sign_in_status: 'away' },
      ]);
      await setPasswordWithLink(db, token, GOOD);
      expect((await login(db, 'cleo@shop.example', GOOD))?.startAlerts).toEqual({ sounds: false, notifications: true });
      expect((await login(db, 'cleo@shop.example', GOOD))?.startAlerts).toBeUndefined();
    });
  });

  describe('changes that follow the account at once', () => {
    it('a new role is what the token stands for on the next request, in the role’s own mode', async () => {
      const token = await tokenOf(db, 'sara@demo.parley.test');
      await db.query(`update reps set mode = 'rep' where id = 'r_sara'`);
      await changePerson(db, 'r_sara', { role: 'admin' });
      expect(await repForToken(db, token)).toMatchObject({ role: 'admin', mode: 'admin' });
    });

    it('disabling ends every session and sign-in, hands active conversations back to the queue; enabling lets the password work again', async () => {
      const token = await tokenOf(db, 'anna@demo.parley.test');
      const anna = (await repForToken(db, token))!;
      const conversationId = await takenBy(db, anna);

      await changePerson(db, 'r_anna', { disabled: true });
      expect(await repForToken(db, token)).toBeNull();
      expect(await login(db, 'anna@demo.parley.test', 'parley-demo')).toBeNull();
      expect(await loadConversation(db, conversationId)).toMatchObject({
        status: 'pending',
        ownerId: null,
        queueId: 'q_demo',
      });
      expect((await listPeople(db)).people.find((p) => p.id === 'r_anna')).toMatchObject({
        state: 'disabled',
        status: 'offline',
      });

      await changePerson(db, 'r_anna', { disabled: false });
      expect(await repForToken(db, token)).toBeNull();
      expect(await login(db, 'anna@demo.parley.test', 'parley-demo')).not.toBeNull();
    });

    it('a reset ends the old password and every session; the reset link sets a new one', async () => {
      const token = await tokenOf(db, 'ben@demo.parley.test');
      const link = await resetPassword(db, 'r_alex', 'r_ben');
      expect(await repForToken(db, token)).toBeNull();
      expect(await login(db, 'ben@demo.parley.test', 'parley-demo')).toBeNull();
      expect(toLinkInfo((await findLink(db, link.token))!).purpose).toBe('reset');
      await setPasswordWithLink(db, link.token, GOOD);
      expect(await login(db, 'ben@demo.parley.test', GOOD)).not.toBeNull();
    });

    it('signing out everywhere ends every token of the rep and no one else’s', async () => {
      const [one, two, other] = [
        await tokenOf(db, 'ben@demo.parley.test'),
        await tokenOf(db, 'ben@demo.parley.test'),
        await tokenOf(db, 'anna@demo.parley.test'),
      ];
      await signOutEverywhere(db, 'r_ben');
      expect(await repForToken(db, one)).toBeNull();
      expect(await repForToken(db, two)).toBeNull();
      expect(await repForToken(db, other)).not.toBeNull();
    });

    it('logs each change as an account event for the rep alone, in no chat', async () => {
      await changePerson(db, 'r_ben', { role: 'observer' });
      await changePerson(db, 'r_ben', { disabled: true });
      const events = await db.query<{ chat_id: string; audience: string[]; payload: { change: string } }>(
        `select chat_id, audience, payload from events where kind = 'rep.account' order by id`,
      );
      expect(events.map((e) => [e.chat_id, e.audience, e.payload.change])).toEqual([
        ['*', ['r_ben'], 'role'],
        ['*', ['r_ben'], 'disabled'],
      ]);
    });
  });

  describe('the last super user', () => {
    it('may not be disabled, demoted or deleted; nothing changes', async () => {
      const before = await snapshot(db);
      await expect(changePerson(db, 'r_alex', { disabled: true })).rejects.toThrow(/last super user/);
      await expect(changePerson(db, 'r_alex', { role: 'rep' })).rejects.toThrow(/last super user/);
      await expect(deletePerson(db, 'r_alex')).rejects.toThrow(/last super user/);
      expect(await snapshot(db)).toEqual(before);
    });

    it('an invited super user without a password does not count; one who set it does', async () => {
      const { person, token } = await inviting(db, {
        email: 'dana@shop.example',
        name: 'Dana Admin',
        role: 'admin',
        extension: null,
      });
      await expect(changePerson(db, 'r_alex', { role: 'rep' })).rejects.toThrow(/last super user/);
      await setPasswordWithLink(db, token, GOOD);
      await changePerson(db, 'r_alex', { role: 'rep' });
      await expect(changePerson(db, person.id, { disabled: true })).rejects.toThrow(/last super user/);
    });

    it('of two super users demoting each other at once, exactly one succeeds', async () => {
      await changePerson(db, 'r_sara', { role: 'admin' });
      const results = await Promise.allSettled([
        changePerson(db, 'r_alex', { role: 'rep' }),
        changePerson(db, 'r_sara', { role: 'rep' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await db.query(`select count(*)::int as n from reps where role = 'admin'`)).toEqual([{ n: 1 }]);
    });
  });

  it('purges expired sessions and used or expired links', async () => {
    const token = await tokenOf(db, 'anna@demo.parley.test');
    const live = await tokenOf(db, 'ben@demo.parley.test');
    await db.query(`update sessions set expires_at = now() - interval '1 second' where rep_id = 'r_anna'`);
    const used = await inviting(db, { email: 'cleo@shop.example', name: 'Cleo Marino', role: 'rep', extension: null });
    await setPasswordWithLink(db, used.token, GOOD);
    const open = await inviting(db, { email: 'dan@shop.example', name: 'Dan Novak', role: 'rep', extension: null });
    expect(await purgeExpired(db)).toEqual({ sessions: 1, links: 1 });
    expect(await repForToken(db, token)).toBeNull();
    expect(await repForToken(db, live)).not.toBeNull();
    expect(await findLink(db, open.token)).not.toBeNull();
  });
});
