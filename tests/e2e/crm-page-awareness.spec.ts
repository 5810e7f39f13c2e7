import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { extensionUrl, signIn } from './support/helpers';
import { repClient, visitorClient } from './support/hub-clients';
import { openGrantableBrowser } from './support/site-access';

/** The extension APIs, as seen inside the service worker the callbacks below are evaluated in. */
declare const chrome: any;

/**
 * Issue 6, CRM page awareness (FEATURES E12): on a CRM record page the page script reads the record's
 * email with the selector set on the options page, and the side panel offers that contact's chats
 * from the hub; when the CRM app routes to another record (no reload), the panel follows.
 */

/**
 * A stand-in CRM on loopback: record pages under /record/, the email in a field the app re-renders,
 * and a "Next record" button that routes like a single-page app (pushState, no page load).
 */
async function serveFakeCrm(): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Fake CRM</title></head>
<body><main><h1 id="name">Maria Bianchi</h1>
<dl><dt>Email</dt><dd><span data-field="email">maria.bianchi@example.com</span></dd></dl>
<button id="next" type="button">Next record</button>
<button id="list" type="button">All contacts</button></main>
<script>
  const field = () => document.querySelector('[data-field="email"]');
  document.getElementById('next').onclick = () => {
    history.pushState({}, '', '/record/2');
    document.getElementById('name').textContent = 'Jonas Keller';
    const next = document.createElement('span');
    next.setAttribute('data-field', 'email');
    next.textContent = ' Jonas.Keller@example.com ';
    field().replaceWith(next);
  };
  document.getElementById('list').onclick = () => {
    history.pushState({}, '', '/contacts');
    document.getElementById('name').textContent = 'All contacts';
  };
</script></body></html>`;
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => (server.close(() => ok()), server.closeAllConnections())),
  };
}

/** A visitor writes, gives their email, and Anna takes the chat, links the record, and answers (over the protocol). */
async function pastChat(
  hubUrl: string,
  anna: Awaited<ReturnType<typeof repClient>>,
  email: string,
  question: string,
  reply: string,
): Promise<void> {
  const visitor = await visitorClient(hubUrl);
  const messageId = await visitor.say(question);
  await visitor.identify(email);
  const conversationId = await anna.conversationOf(messageId);
  await anna.cmd({ type: 'take', conversationId });
  // The email was only typed (issue 14): Anna links the record it suggests, as after a check.
  const card = await anna.cmd({ type: 'crm', request: { op: 'card', conversationId } });
  const contactId = card.answer.result.suggestion.contactId;
  await anna.cmd({ type: 'crm', request: { op: 'linkContact', clientId: randomUUID(), conversationId, contactId } });
  await anna.cmd({ type: 'send', conversationId, text: reply });
  visitor.close();
}

async function addCrmSite(options: Page): Promise<void> {
  const form = options.getByRole('form', { name: 'Add CRM site' });
  await form.getByLabel('CRM name').fill('Loopback CRM');
  await form.getByLabel('Site (match pattern)').fill('http://127.0.0.1/*');
  await form.getByLabel(/Record pages/).fill('/record/*');
  await form.getByLabel('Email element (CSS selector)').fill('[data-field="email"]');
  await form.getByRole('button', { name: 'Add CRM site' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved Loopback CRM.' })).toBeVisible();
}

test("a CRM record page's email brings that contact's chats into the side panel, and the panel follows the page", async ({
  hub,
}) => {
  test.setTimeout(180_000);
  const anna = await repClient(hub.url, 'anna@demo.parley.test');
  await pastChat(hub.url, anna, 'maria.bianchi@example.com', 'Is the oak table in stock?', 'Yes, two left in oak.');
  await pastChat(hub.url, anna, 'jonas.keller@example.com', 'Liefern Sie nach Berlin?', 'Ja, in drei Tagen.');
  anna.close();
  const fakeCrm = await serveFakeCrm();
  const rep = await openGrantableBrowser();
  try {
    const popup = await rep.context.newPage();
    await signIn(popup, rep.extensionId, hub.url, 'anna@demo.parley.test');
    await rep.grant();
    await expect
      .poll(() =>
        rep.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s: unknown[]) => s.length)),
      )
      .toBe(1);

    // The options page: a bad selector is refused and named, then the site is saved.
    const options = await rep.context.newPage();
    await options.goto(extensionUrl(rep.extensionId, 'options.html'));
    const form = options.getByRole('form', { name: 'Add CRM site' });
    await form.getByLabel('CRM name').fill('Loopback CRM');
    await form.getByLabel('Site (match pattern)').fill('http://127.0.0.1/*');
    await form.getByLabel('Email element (CSS selector)').fill('span[[');
    await form.getByRole('button', { name: 'Add CRM site' }).click();
    await expect(form.getByText('The browser does not accept this CSS selector.')).toBeVisible();
    await expect(form.getByLabel('Email element (CSS selector)')).toHaveAttribute('aria-invalid', 'true');
    await addCrmSite(options);
    const axeOptions = await new AxeBuilder({ page: options }).include('.crm-sites').analyze();
    expect(axeOptions.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await expect(
      options.getByRole('region', { name: 'CRM sites' }).getByText('email from [data-field="email"]'),
    ).toBeVisible();

    const panel = await rep.context.newPage();
    await panel.goto(extensionUrl(rep.extensionId, 'sidepanel.html'));
    await expect(panel.getByRole('region', { name: 'Pending' })).toBeVisible({ timeout: 20_000 });
    // Nothing is offered before the rep is on a record page.
    await expect(panel.getByRole('button', { name: /^Chats with/ })).toHaveCount(0);

    const crm = await rep.context.newPage();
    await crm.goto(`${fakeCrm.url}/record/1`);
    const offer = panel.getByRole('button', { name: 'Chats with maria.bianchi@example.com' });
    await expect(offer).toBeVisible({ timeout: 20_000 });
    await offer.click();
    const chats = panel.getByRole('list', { name: 'Chats with maria.bianchi@example.com' });
    const maria = chats.getByRole('listitem').filter({ hasText: 'Is the oak table in stock?' });
    await expect(maria).toBeVisible({ timeout: 20_000 });
    await expect(maria).toContainText('Anna Rossi');
    await expect(maria).toContainText('Demo shop');
    await expect(maria).toContainText('active');
    await expect(chats.getByRole('listitem')).toHaveCount(1);
    // The record's card (Maria is Anna's customer) and the transcript, read-only.
    await expect(
      panel.getByRole('region', { name: 'The record on this page' }).getByText('Maria Bianchi', { exact: true }),
    ).toBeVisible();
    await maria.getByRole('button', { name: /Transcript of the chat/ }).click();
    await expect(maria.getByRole('list', { name: /Transcript of the chat/ })).toContainText('Yes, two left in oak.');
    const axePanel = await new AxeBuilder({ page: panel }).include('.page-record').analyze();
    expect(axePanel.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The CRM app routes to the next record without a page load: the panel follows.
    await crm.getByRole('button', { name: 'Next record' }).click();
    const jonasOffer = panel.getByRole('button', { name: 'Chats with jonas.keller@example.com' });
    await expect(jonasOffer).toBeVisible({ timeout: 20_000 });
    const jonasChats = panel.getByRole('list', { name: 'Chats with jonas.keller@example.com' });
    await expect(jonasChats.getByRole('listitem').filter({ hasText: 'Liefern Sie nach Berlin?' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(panel.getByText('Is the oak table in stock?')).toHaveCount(0);

    // A page that is not a record page: nothing offered.
    await crm.getByRole('button', { name: 'All contacts' }).click();
    await expect(panel.getByRole('button', { name: /^Chats with/ })).toHaveCount(0, { timeout: 20_000 });
  } finally {
    await rep.close();
    await fakeCrm.close();
  }
});
