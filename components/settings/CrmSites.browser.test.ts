import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { fakeSitePermissions } from '#entrypoints/background/site-permissions.testing';
import { crmSitesItem } from '#utils/crm-sites';
import CrmSites from './CrmSites.vue';

/** The options page's CRM sites screen (FEATURES E8, E12), mounted over WXT's fake storage. */
beforeEach(() => {
  fakeSitePermissions().origins = ['http://127.0.0.1/*'];
});

function mount() {
  const screen = render(CrmSites);
  const section = screen.getByRole('region', { name: 'CRM sites', exact: true });
  return {
    section,
    name: section.getByRole('textbox', { name: 'CRM name' }),
    // The pattern field offers the granted sites (a datalist), which makes it a combobox.
    pattern: section.getByRole('combobox', { name: 'Site (match pattern)' }),
    email: section.getByRole('textbox', { name: 'Email element' }),
    button: (name: string) => section.getByRole('button', { name, exact: true }),
    status: section.getByRole('status'),
  };
}

describe('CRM sites on the options page', () => {
  it('names the wrong fields and stores nothing, then saves a valid site', async () => {
    const { section, name, pattern, email, button, status } = mount();
    await name.fill('Loopback CRM');
    await pattern.fill('crm.test');
    await email.fill('span[[');
    await button('Add CRM site').click();
    await expect.element(email).toHaveAccessibleDescription('The browser does not accept this CSS selector.');
    await expect.element(email).toHaveAttribute('aria-invalid', 'true');
    await expect.element(pattern).toHaveAccessibleDescription(/A match pattern like/);
    await expect.element(section.getByText(/A match pattern like/)).toBeVisible();
    expect(await crmSitesItem.getValue()).toEqual([]);

    await pattern.fill('http://127.0.0.1/*');
    await email.fill('');
    await button('Use the first email link').click();
    await button('Add CRM site').click();
    await expect.element(status).toHaveTextContent('Saved Loopback CRM.');
    expect(await crmSitesItem.getValue()).toEqual([
      expect.objectContaining({
        name: 'Loopback CRM',
        pattern: 'http://127.0.0.1/*',
        emailSelector: 'a[href^="mailto:"]',
        emailAttribute: 'href',
        recordPath: null,
        recordUrlTemplate: null,
      }),
    ]);
  });

  it('starts from a common CRM, edits a site in place, warns when the site is not granted, and removes it', async () => {
    const { section, name, pattern, email, button, status } = mount();
    await button('Fill in Pipedrive').click();
    await expect.element(name).toHaveValue('Pipedrive');
    await expect.element(pattern).toHaveValue('https://*.pipedrive.com/*');
    await email.fill('.email');
    await button('Add CRM site').click();
    await expect
      .element(section.getByRole('listitem').filter({ hasText: 'not allowed on this site yet' }))
      .toHaveTextContent('Pipedrive');

    await button('Edit Pipedrive').click();
    await name.fill('Our Pipedrive');
    await button('Save CRM site').click();
    await expect.element(status).toHaveTextContent('Saved Our Pipedrive.');
    expect((await crmSitesItem.getValue()).map((s) => s.name)).toEqual(['Our Pipedrive']);

    await button('Remove Our Pipedrive').click();
    await expect.element(section.getByText('No CRM sites yet.')).toBeVisible();
  });
});
