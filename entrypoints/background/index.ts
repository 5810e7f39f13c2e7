import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '#utils/db';
import { repItem, soundChoiceItem } from '#utils/settings';
import { createAlerts, soundUrl } from './alerts';
import { initBadge } from './badge';
import { notify, onNotificationClicked } from './notifications';
import { playSound } from './sound';
import { createShortcuts } from './shortcuts';
import { enableOnTab, servePageIcons, syncIconRegistration, watchIconPermissions } from './page-icon';
import { commandHandlers, registerCommands } from './commands';
import { createIdlePresence, IDLE_SECONDS } from './idle';
import { createRepClient } from './rep-client';
import { servePageRecords } from './page-records';
import { importLegacyRecordLinks } from '#utils/crm-sites';
import { SIDE_PANEL_PORT } from '#utils/viewers';

/** Wakes the worker every 30 s (the MV3 minimum) so a killed worker reconnects by itself. */
const RECONNECT_ALARM = 'parley-ensure-connection';

const resolvePath = (path: string) => browser.runtime.getURL(path as Parameters<typeof browser.runtime.getURL>[0]);

export default defineBackground({
  // Firefox (MV2): a persistent background page, so the hub socket stays open. Firefox's MV3 event
  // page is suspended after 30 s idle even with an open WebSocket (docs/BROWSERS.md).
  persistent: { firefox: true },
  main: () => {
    // Listeners are registered synchronously: a worker woken by an alarm or a message must find them.
    const alerts = createAlerts(
      {
        playSound: async (url) => {
          const result = await playSound(url);
          if (!result.played) console.warn('[parley] alert sound did not play:', result.error);
        },
        notify,
      },
      resolvePath,
    );
    const client = createRepClient({ db, alerts });
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
    const idle = createIdlePresence({
      currentStatus: async () => (await repItem.getValue())?.status ?? null,
      setStatus: (status) => client.setStatus(status),
    });
    registerCommands(
      commandHandlers(
        client,
        idle,
        { test: async () => playSound(await soundUrl(await soundChoiceItem.getValue(), resolvePath)) },
        { enableOnTab },
      ),
    );
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === RECONNECT_ALARM) void client.ensureConnected();
    });
    browser.idle.setDetectionInterval(IDLE_SECONDS);
    browser.idle.onStateChanged.addListener((state) => void idle.onStateChanged(state));
    // A closed side panel shows nothing: stop telling colleagues this rep is looking (FEATURES C10).
    browser.runtime.onConnect.addListener((port) => {
      if (port.name === SIDE_PANEL_PORT) port.onDisconnect.addListener(() => void client.viewing(null));
    });
    const onShortcut = createShortcuts(db, (id) => client.take(id));
    browser.commands.onCommand.addListener((command, tab) => void onShortcut(command, tab));
    // A status picked on the page icon is the rep's choice too: idle detection must not undo it.
    servePageIcons(db, { setStatus: (status) => idle.manualStatus(status) });
    watchIconPermissions();
    servePageRecords();
    void importLegacyRecordLinks();
    void syncIconRegistration();
    void browser.alarms.create(RECONNECT_ALARM, { periodInMinutes: 0.5 });
    void initBadge();
    void client.ensureConnected();
  },
});
