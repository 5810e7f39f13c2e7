import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ICON_SCRIPT_FILE, ICON_SCRIPT_ID } from '#utils/icon-protocol';
import { syncIconRegistration } from './page-icon';
import { fakeSitePermissions } from './site-permissions.testing';

/** The page icon's content script follows the sites the rep granted (FEATURES B1). */
let site: ReturnType<typeof fakeSitePermissions>;
beforeEach(() => {
  fakeBrowser.reset();
  site = fakeSitePermissions();
});

describe('icon registration', () => {
  it('registers the icon for exactly the granted sites, follows changes, and unregisters when none is left', async () => {
    expect(await syncIconRegistration()).toEqual([]);
    expect(site.scripts).toEqual([]);
    site.origins = ['http://127.0.0.1/*'];
    await syncIconRegistration();
    expect(site.scripts).toEqual([
      expect.objectContaining({ id: ICON_SCRIPT_ID, matches: ['http://127.0.0.1/*'], js: [ICON_SCRIPT_FILE] }),
    ]);
    site.origins.push('https://*.pipedrive.com/*');
    await syncIconRegistration();
    expect(site.scripts).toHaveLength(1);
    expect(site.scripts[0]!.matches).toEqual(['http://127.0.0.1/*', 'https://*.pipedrive.com/*']);
    site.origins = [];
    await syncIconRegistration();
    expect(site.scripts).toEqual([]);
  });
});
