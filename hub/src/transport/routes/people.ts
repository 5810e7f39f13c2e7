import {
  HubStatus,
  Invite,
  PersonChange,
  RepDefaults,
  type AccountLink,
  type InviteResponse,
  type LinkInfo,
  type ResetResponse,
} from '#protocol';
import { writeTx } from '../../events/log';
import { changePerson, deletePerson, invite, resetPassword, signOutEverywhere } from '../../people/accounts';
import { saveRepDefaults } from '../../people/defaults';
import { linkUrl } from '../../people/links';
import { countDemoAccounts, listPeople, loadPerson } from '../../people/people-list';
import type { HubContext } from '../context';
import { callerRep, superUser } from './guards';
import { IdParams, jsonBodies, type Routes } from './kit';

/**
 * People (FEATURES H1), for super users: list, invite, change (name, role, extension, disabled), reset a
 * password, sign out everywhere, delete; the defaults new reps start with; whether demo accounts
 * are still on the hub. Every change wakes the feeds, so the rep's open sockets follow at once.
 */

/** The link for the super user to pass on, also emailed when the hub has SMTP_URL. */
async function shareLink(
  ctx: HubContext,
  personId: string,
  made: { token: string; expiresAt: Date },
  purpose: LinkInfo['purpose'],
): Promise<AccountLink> {
  const person = (await loadPerson(ctx.db, personId))!;
  const url = linkUrl(ctx.accounts.publicUrl(), made.token);
  const emailed = ctx.accounts.mailer
    ? await ctx.accounts.mailer.send(person, { url, purpose, expiresAt: made.expiresAt })
    : false;
  return { url, expiresAt: made.expiresAt.toISOString(), emailed };
}

export const peopleRoutes: Routes = async (app, { ctx }) => {
  jsonBodies(app);
  const onRequest = superUser(ctx, 'people');

  app.get('/api/admin/people', { onRequest }, async () => listPeople(ctx.db));

  app.get(
    '/api/admin/status',
    { onRequest },
    async () => ({ demoAccounts: await countDemoAccounts(ctx.db) }) satisfies HubStatus,
  );

  app.post('/api/admin/people', { onRequest, schema: { body: Invite } }, async (request, reply) => {
    const made = await invite(ctx.db, callerRep(request).id, request.body);
    const link = await shareLink(ctx, made.person.id, made, 'invite');
    return reply.code(201).send({ person: made.person, link } satisfies InviteResponse);
  });

  app.patch(
    '/api/admin/people/:id',
    { onRequest, schema: { params: IdParams, body: PersonChange } },
    async (request) => {
      const person = await changePerson(ctx.db, request.params.id, request.body, ctx.now());
      ctx.committed();
      // A new role changes who works in which chat (FEATURES A2); a disabled rep leaves them.
      ctx.chatReps.invalidateAll();
      ctx.visitorViews.invalidate();
      return person;
    },
  );

  app.post('/api/admin/people/:id/reset-password', { onRequest, schema: { params: IdParams } }, async (request) => {
    const made = await resetPassword(ctx.db, callerRep(request).id, request.params.id);
    ctx.committed();
    return { link: await shareLink(ctx, request.params.id, made, 'reset') } satisfies ResetResponse;
  });

  app.post('/api/admin/people/:id/sign-out', { onRequest, schema: { params: IdParams } }, async (request, reply) => {
    await signOutEverywhere(ctx.db, request.params.id);
    ctx.committed();
    return reply.code(204).send();
  });

  app.delete('/api/admin/people/:id', { onRequest, schema: { params: IdParams } }, async (request, reply) => {
    await deletePerson(ctx.db, request.params.id, ctx.now());
    ctx.committed();
    ctx.chatReps.invalidateAll();
    ctx.visitorViews.invalidate();
    return reply.code(204).send();
  });

  app.put('/api/admin/rep-defaults', { onRequest, schema: { body: RepDefaults } }, async (request, reply) => {
    await writeTx(ctx.db, (tx) => saveRepDefaults(tx, request.body, callerRep(request).id));
    return reply.code(204).send();
  });
};
