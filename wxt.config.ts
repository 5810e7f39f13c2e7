import { defineConfig } from 'wxt';

// The extension lives at the repository root; hub/, protocol/, tests/ and bench/ sit beside it.
export default defineConfig({
  modules: ['@wxt-dev/module-vue', '@wxt-dev/webextension-polyfill'],
  // Explicit imports keep every file readable on its own.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Minimal: settings and cache (storage), the panel (sidePanel), waking the worker to reconnect (alarms).
    permissions: [
      'storage',
      'sidePanel',
      'alarms',
      'idle',
      // A service worker cannot play audio: the new-chat sound plays in an offscreen document (SPEC B2).
      'offscreen',
      // The optional browser notification for a new chat and the closing warning (SPEC B2, B4).
      'notifications',
    ],
    action: { default_title: '__MSG_extName__' },
  },
});
