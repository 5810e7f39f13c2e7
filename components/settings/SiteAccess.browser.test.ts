import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-vue';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeSitePermissions } from '#entrypoints/background/site-permissions.testing';
import SiteAccess from './SiteAccess.vue';

let site: ReturnType<typeof fakeSitePermissions>;
beforeEach(() => {
  site = fakeSitePermissions();
});

function mount() {
  const screen = render(SiteAccess);
  const section = screen.getByRole('region', { name: 'Sites with the Parley icon' });
  return {
    screen,
    section,
    preset: (name: string) =>
      section.getByRole('group', { name: 'Common CRMs' }).getByRole('checkbox', { name, exact: true }),
  };
}

describe('site access on the options page', () => {
  it('grants a CRM preset, lists sites granted from the popup, and takes either back', async () => {
    site.origins = ['http://127.0.0.1/*'];
    const { section, preset } = mount();
    await expect.element(section.getByRole('listitem').filter({ hasText: 'http://127.0.0.1/*' })).toBeVisible();
    await expect.element(preset('HubSpot')).not.toBeChecked();

    await preset('HubSpot').click();
    await expect.element(preset('HubSpot')).toBeChecked();
    expect(fakeBrowser.permissions.request).toHaveBeenCalledWith({
      origins: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
    });

    await preset('HubSpot').click();
    await expect.element(preset('HubSpot')).not.toBeChecked();
    expect(site.origins).toEqual(['http://127.0.0.1/*']);

    await section.getByRole('button', { name: 'Remove http://127.0.0.1/*' }).click();
    await expect.element(section.getByText('No other sites yet.')).toBeVisible();
  });

  it('says so when the rep declines the prompt', async () => {
    site.answer = false;
    const { screen, preset } = mount();
    await preset('Pipedrive').click();
    await expect.element(screen.getByRole('alert')).toHaveTextContent(/^Permission for this site was not given\.$/);
    await expect.element(preset('Pipedrive')).not.toBeChecked();
  });
});
