import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import {
  ICON_PORT,
  ICON_POSITION_KEY,
  type IconOpenMessage,
  type IconPosition,
  type IconState,
  type IconStatusAnswer,
  type IconStatusMessage,
  type RecordEmailMessage,
} from '#utils/icon-protocol';
import { CRM_SITES_KEY, type CrmSite } from '#utils/crm-site-match';
import { createIcon } from './icon';
import { watchRecordEmail } from './record-email';

/**
 * Registered at run time (never in the manifest), and only for the sites the rep granted: from the
 * popup's "Use Parley on this site" or a CRM preset on the options page (FEATURES B1).
 */
export default defineContentScript({
  registration: 'runtime',
  main() {
    // Injected twice (registered and injected at once into the open tab)? Keep the first icon.
    if (document.querySelector('parley-companion')) return;
    const host = document.createElement('parley-companion');
    const icon = createIcon(host, {
      message: (key, subs) => browser.i18n.getMessage(key as never, subs) || key,
      onOpen: () => void browser.runtime.sendMessage({ target: ICON_PORT, type: 'open' } satisfies IconOpenMessage),
      onStatus: (status) =>
        browser.runtime
          .sendMessage({ target: ICON_PORT, type: 'setStatus', status } satisfies IconStatusMessage)
          .then((answer: IconStatusAnswer | undefined) => answer?.error ?? null)
          .catch((error: unknown) => String(error)),
      onMoved: (position) => void browser.storage.local.set({ [ICON_POSITION_KEY]: position }),
      viewport: () => ({ width: window.innerWidth, height: window.innerHeight }),
    });
    icon.render({ signedIn: false, status: 'offline', pending: 0, warning: null });
    document.documentElement.append(host);

    void browser.storage.local.get(ICON_POSITION_KEY).then((stored) => {
      const position = stored[ICON_POSITION_KEY] as IconPosition | undefined;
      if (position) icon.place(position);
    });
    browser.storage.onChanged.addListener((changes, area) => {
      const change = changes[ICON_POSITION_KEY];
      if (area === 'local' && change?.newValue) icon.place(change.newValue as IconPosition);
    });
    window.addEventListener('resize', () => icon.place(icon.position));

    // CRM page awareness (FEATURES E12): tell the worker which record this page shows.
    watchRecordEmail({
      loadSites: async () => {
        const stored = (await browser.storage.local.get(CRM_SITES_KEY))[CRM_SITES_KEY];
        return Array.isArray(stored) ? (stored as CrmSite[]) : [];
      },
      onSitesChanged: (listener) =>
        browser.storage.onChanged.addListener((changes, area) => {
          if (area === 'local' && CRM_SITES_KEY in changes) listener();
        }),
      report: (email, url) =>
        void browser.runtime
          .sendMessage({ target: ICON_PORT, type: 'recordEmail', email, url } satisfies RecordEmailMessage)
          .catch(() => {}),
      doc: document,
      location: () => location.href,
    });

    // The worker may be stopped and restarted by the browser: reconnect when the port drops.
    const connect = () => {
      let port: ReturnType<typeof browser.runtime.connect>;
      try {
        port = browser.runtime.connect({ name: ICON_PORT });
      } catch {
        return; // The extension was reloaded or removed: this copy of the script is orphaned.
      }
      port.onMessage.addListener((state) => icon.render(state as IconState));
      port.onDisconnect.addListener(() => setTimeout(connect, 1_000));
    };
    connect();
  },
});
