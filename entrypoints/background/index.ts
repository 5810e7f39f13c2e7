import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '../../utils/db';
import { initBadge } from './badge';
import { registerCommands } from './commands';
import { createRepClient } from './rep-client';

/** Wakes the worker every 30 s (the MV3 minimum) so a killed worker reconnects by itself. */
const RECONNECT_ALARM = 'parley-ensure-connection';

export default defineBackground(() => {
  // Listeners are registered synchronously: a worker woken by an alarm or a message must find them.
  const client = createRepClient({ db });
  registerCommands(client);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RECONNECT_ALARM) void client.ensureConnected();
  });
  void browser.alarms.create(RECONNECT_ALARM, { periodInMinutes: 0.5 });
  void initBadge();
  void client.ensureConnected();
});
