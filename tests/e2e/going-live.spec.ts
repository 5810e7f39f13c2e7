import AxeBuilder from '@axe-core/playwright';
import { spawn } from 'node:child_process';
import type { Page } from '@playwright/test';
import { launchParleyProfile } from './support/browsers';
import { repReply, visitorSend } from './support/chat-drivers';
import { expect, test } from './support/fixtures';
import { extensionUrl, openPopup, readSessionToken, submitSignIn } from './support/helpers';
import { launchHub } from './support/hub';
import { servePages } from './support/page-server';
import { openPanel } from './support/shop';

/**
 * Going live (issue 13, FEATURES H1, H2), as a new team does it: a hub with an empty data folder and
 * no demo (PARLEY_DEMO=0), its first super user made by the documented command, a website and a queue
 * made and a rep invited in the console; the rep sets a password in a browser of their own, signs in
 * and answers a visitor who writes through the new website's snippet on another origin. Disabled,
 * the rep's extension says so within 2 s and the hub refuses their token.
 */
const SUPER = 'sam@team.example';
const SUPER_PASSWORD = 'harbour-violet-candle-41';
const REP = 'rita@team.example';
const REP_PASSWORD = 'meadow-copper-kettle-93';
/** FEATURES H1: a disabled rep's open sessions end within this. */
const SIGN_OUT_MS = 2_000;

/** `npm run admin -- create-super-user EMAIL`, the password on standard input, as the README says. */
function createSuperUser(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn('npm', ['run', 'admin', '--', 'create-super-user', SUPER, '--name', 'Sam Super'], {
      env: { ...process.env, PARLEY_DATA_DIR: dataDir, PARLEY_DEMO: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.stdin.end(`${SUPER_PASSWORD}\n`);
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`admin exited ${code}:\n${out}`))));
  });
}

/** The console screen on show has no axe violations. */
async function expectAxeClean(page: Page) {
  const axe = await new AxeBuilder({ page }).include('.options').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** A rep's REST call with their token: 403 while the token stands for a rep, 401 once it is refused. */
const peopleStatus = async (hubUrl: string, token: string) =>
  (await fetch(`${hubUrl}/api/admin/people`, { headers: { authorization: `Bearer ${token}` } })).status;

test('from an empty hub: the first super user, a website and a queue, an invited rep who answers a visitor and is signed out when disabled', async ({
  context,
  extensionId,
  page,
}) => {
  test.setTimeout(300_000);
  const hub = await launchHub({ demo: false });
  const rita = await launchParleyProfile();
  let site: Awaited<ReturnType<typeof servePages>> | null = null;
  try {
    // No account exists and the demo's is not there; the embedded database takes one process, so the
    // command runs while the hub is stopped.
    expect(
      (
        await fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ email: 'alex@demo.parley.test', password: 'parley-demo' }),
        })
      ).status,
    ).toBe(401);
    await hub.stop();
    expect(await createSuperUser(hub.dataDir)).toContain(`super user ${SUPER} created`);
    await hub.start();

    // The super user signs in and adds a website with a queue.
    await openPopup(page, extensionId);
    await submitSignIn(page, hub.url, SUPER, SUPER_PASSWORD);
    await expect(page.getByText('Connection: Connected')).toBeVisible({ timeout: 30_000 });
    const console_ = await context.newPage();
    await console_.goto(extensionUrl(extensionId, 'options.html#websites'));
    await console_.getByLabel('Website name').fill('Garden shop');
    await console_.getByRole('button', { name: 'Add website' }).click();
    const website = console_.getByRole('region', { name: 'Garden shop' });
    await website.getByLabel('Queue name').fill('Sales');
    await website.getByRole('button', { name: 'Add queue' }).click();
    await expect(website.getByRole('list', { name: 'Queues of Garden shop' })).toContainText('Sales');
    const snippet = await website.getByRole('textbox', { name: 'Snippet for Garden shop' }).inputValue();
    expect(snippet).toMatch(
      new RegExp(`^<script src="${hub.url}/widget.js" data-chat="[A-Za-z0-9_-]+" async></script>$`),
    );
    await expectAxeClean(console_);

    // People, through the console's navigation: new reps start in the new queue, and Rita is invited.
    await console_.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'People' }).click();
    const defaults = console_.getByRole('form', { name: 'New reps start with' });
    await defaults.getByRole('checkbox', { name: 'Sales (Garden shop)' }).check();
    await defaults.getByRole('button', { name: 'Save defaults' }).click();
    await expect(defaults.getByRole('status')).toHaveText('Saved.');
    await console_.reload();
    const invite = console_.getByRole('form', { name: 'Invite someone' });
    await expect(invite.getByRole('checkbox', { name: 'Sales (Garden shop)' })).toBeChecked();
    await invite.getByLabel('Email').fill(REP);
    await invite.getByLabel('Name').fill('Rita Rep');
    await invite.getByLabel('Role').selectOption({ label: 'Rep' });
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await console_.getByRole('textbox', { name: 'Set-password link for Rita Rep' }).inputValue();
    expect(link).toMatch(new RegExp(`^${hub.url}/`));
    await expect(console_.getByRole('listitem', { name: 'Rita Rep' })).toContainText('Invited, no password yet');
    // A hub without the demo has no demo accounts to warn about (the console read its status on load).
    await expect(console_.getByText(/demo accounts? (is|are) active/)).toHaveCount(0);
    await expectAxeClean(console_);

    // Rita, in her own browser, sets her password through the link and signs in.
    const setPassword = await rita.context.newPage();
    await setPassword.goto(link);
    await setPassword.getByLabel('Password', { exact: true }).fill(REP_PASSWORD);
    await setPassword.getByLabel('The same password again').fill(REP_PASSWORD);
    await setPassword.getByRole('button', { name: 'Set password' }).click();
    await expect(setPassword.getByRole('status')).toContainText('Your password is set');
    const ritaPopup = await openPopup(await rita.context.newPage(), rita.extensionId);
    await submitSignIn(ritaPopup, hub.url, REP, REP_PASSWORD);
    await expect(ritaPopup.getByText('Connection: Connected')).toBeVisible({ timeout: 30_000 });
    const panel = await openPanel(rita.context, rita.extensionId);

    // A visitor on a page of another loopback origin writes through the snippet; Rita takes it and answers.
    const pages = await servePages((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Garden shop</title></head><body><main><h1>Garden shop</h1></main>${snippet}</body></html>`,
      );
    });
    site = pages;
    const shop = await context.newPage();
    await shop.goto(`${pages.url}/`);
    await shop.getByRole('button', { name: 'Chat with us' }).click({ timeout: 15_000 });
    await visitorSend(shop, ['Do you sell tulip bulbs?']);
    await panel
      .getByRole('region', { name: 'Pending' })
      .getByRole('button', { name: /Do you sell tulip bulbs/ })
      .click({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'Take' }).click();
    await expect(panel.getByText('Active with Rita Rep')).toBeVisible({ timeout: 15_000 });
    await repReply(panel, ['Yes, forty kinds.']);
    await expect(shop.getByRole('log', { name: 'Conversation' }).getByText('Yes, forty kinds.')).toBeVisible({
      timeout: 15_000,
    });

    // Disabled by the super user: Rita's extension says so within 2 s, and her token stops working.
    const token = (await rita.worker.evaluate(readSessionToken)) ?? '';
    expect(await peopleStatus(hub.url, token)).toBe(403);
    await console_.getByRole('button', { name: 'Disable Rita Rep' }).click();
    const disabledAt = Date.now();
    await expect(ritaPopup.getByText('Signed out: account disabled')).toBeVisible({ timeout: SIGN_OUT_MS });
    expect(Date.now() - disabledAt).toBeLessThan(SIGN_OUT_MS);
    await expect(console_.getByRole('listitem', { name: 'Rita Rep' })).toContainText('Disabled');
    await expect(panel.getByText('Signed out: account disabled')).toBeVisible();
    expect(await peopleStatus(hub.url, token)).toBe(401);
  } finally {
    await site?.close();
    await rita.close();
    await hub.dispose();
  }
});
