/**
 * The manifest keys that differ between the Chrome build (MV3) and the Firefox build (MV2, see
 * docs/BROWSERS.md for why), merged into the common manifest by wxt.config.ts. WXT itself turns the
 * side panel entrypoint into Firefox's `sidebar_action` and `action` into `browser_action`.
 */

/** Sites the rep may grant one by one (popup, options page); none is granted at install. */
const GRANTABLE_SITES = ['https://*/*', 'http://*/*'];

/**
 * Firefox's add-on id: fixed, so storage and granted sites survive updates and the store can match
 * uploads. A publisher sets their own before the first upload (it can never change after).
 */
export const FIREFOX_ADDON_ID = 'parley@parley.test';

/**
 * 140 is the first Firefox (an ESR) with the built-in data-collection consent below; the APIs
 * Parley uses in MV2 are older (scripting 102, storage.session 115).
 */
const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export function platformManifest(browser: string) {
  if (browser === 'firefox') {
    return {
      permissions: [],
      // MV2 has no optional_host_permissions: Firefox takes host patterns in optional_permissions.
      optional_permissions: GRANTABLE_SITES,
      browser_specific_settings: {
        gecko: {
          id: FIREFOX_ADDON_ID,
          strict_min_version: FIREFOX_MIN_VERSION,
          // What leaves the browser for the rep's hub (shown by Firefox at install): the sign-in,
          // chat messages, names and emails, and the email read from a CRM record page (FEATURES E12).
          data_collection_permissions: {
            required: ['authenticationInfo', 'personalCommunications', 'personallyIdentifyingInfo', 'websiteContent'],
          },
        },
        // Not offered for Android (Firefox for Android has no sidebar); this only states the first
        // Android version that knows data_collection_permissions, as the linter asks.
        gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
      },
    };
  }
  return {
    permissions: [
      // The panel lives in Chrome's side panel.
      'sidePanel',
      // A service worker cannot play audio: the new-chat sound plays in an offscreen document (FEATURES B2).
      'offscreen',
    ],
    optional_host_permissions: GRANTABLE_SITES,
  };
}
