import { defineConfig } from 'wxt';
import { platformManifest } from './utils/platform/manifest';

// The extension lives at the repository root; hub/, protocol/, tests/ and bench/ sit beside it.
// One source, two builds: `wxt build` (Chrome, MV3) and `wxt build -b firefox` (Firefox, MV2).
export default defineConfig({
  modules: ['@wxt-dev/module-vue', '@wxt-dev/webextension-polyfill'],
  // Explicit imports keep every file readable on its own.
  imports: false,
  // The Firefox store's source package (`npm run zip:firefox`): what a reviewer needs to rebuild the
  // add-on with `npm install && npm run build:firefox`; the hub, tests and benches are not part of it.
  zip: {
    excludeSources: [
      'hub/**',
      'widget/**',
      'docs/**',
      'bench/**',
      'tests/**',
      'scripts/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.test.ts',
      '**/*.testing.ts',
      'playwright.config.ts',
      'vitest.config.ts',
      '**/*.log',
    ],
  },
  vite: () => ({
    build: {
      rollupOptions: {
        // protocol/ declares constants and zod schemas and runs nothing on import: a page that uses a
        // few of them does not build every other schema at start-up.
        treeshake: { moduleSideEffects: (id: string) => !id.includes('/protocol/') },
      },
    },
  }),
  manifest: ({ browser }) => {
    // The panel, the sound and the optional host permissions differ per browser (utils/platform).
    const { permissions: platformPermissions, ...platformKeys } = platformManifest(browser);
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      // Minimal: settings and cache (storage), waking the worker to reconnect (alarms), idle presence.
      permissions: [
        'storage',
        'alarms',
        'idle',
        // The optional browser notification for a new chat and the closing warning (FEATURES B2, B4).
        'notifications',
        // Registers the in-page icon's content script on the sites the rep granted, and injects it into
        // the open tab right after granting (FEATURES B1). Grants no site by itself.
        'scripting',
        // Lets the popup read the current tab's address when the rep opens it, to offer "Use Parley on
        // this site" for that origin; nothing is read from tabs the rep did not open the popup on.
        'activeTab',
        ...platformPermissions,
      ],
      // No site is granted at install: the rep grants each CRM site from the popup or a preset on the
      // options page, and the page icon runs only there (the optional host permissions are in platformKeys).
      ...platformKeys,
      action: { default_title: '__MSG_extName__' },
      // Keyboard shortcuts (FEATURES B5); the rep can change them on chrome://extensions/shortcuts
      // (Firefox: about:addons, Manage Extension Shortcuts).
      commands: {
        'open-panel': { suggested_key: { default: 'Alt+Shift+P' }, description: '__MSG_cmdOpenPanel__' },
        'take-next': { suggested_key: { default: 'Alt+Shift+T' }, description: '__MSG_cmdTakeNext__' },
        'next-conversation': {
          suggested_key: { default: 'Alt+Shift+Down' },
          description: '__MSG_cmdNextConversation__',
        },
        'previous-conversation': {
          suggested_key: { default: 'Alt+Shift+Up' },
          description: '__MSG_cmdPreviousConversation__',
        },
      },
    };
  },
});
