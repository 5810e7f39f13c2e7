#!/usr/bin/env node
// `npm start`: build the extension and the widget, then run the hub with its embedded database
// and demo data, and say how to load the extension and where the demo shop is.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hubReady, spawnHub } from './hub-process.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

console.log('parley: building the extension and the widget…');
run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '-b', 'firefox']);
run('node', ['widget/build.mjs']);

// Pretty log lines for people (JSON is the default, for log collectors), unless asked otherwise.
// The demo: demo accounts and data, on loopback (the hub refuses PARLEY_DEMO=1 anywhere else).
const hub = spawnHub({
  env: { PARLEY_LOG_FORMAT: process.env.PARLEY_LOG_FORMAT ?? 'pretty', PARLEY_DEMO: '1' },
  stdout: 'inherit',
  stderr: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => hub.kill('SIGTERM'));
hub.on('exit', (code) => process.exit(code ?? 0));
// A cold start (new data folder) creates the database and the demo catalog: allow it time.
const url = await hubReady(hub, 300_000).catch((error) => {
  console.error(`parley: ${error.message}`);
  hub.kill('SIGTERM');
  return null;
});
if (url) {
  console.log(`
Parley is running.
  Demo shop (the visitor's side):  ${url}/demo/shop.html
  Extension (the rep's side):      load ${root}.output/chrome-mv3
      chrome://extensions → Developer mode → Load unpacked → choose that folder.
      Firefox: about:debugging → This Firefox → Load Temporary Add-on → ${root}.output/firefox-mv2/manifest.json
      Sign in from the toolbar popup with hub URL ${url}
  Demo accounts (password parley-demo):
      anna@demo.parley.test, ben@demo.parley.test (reps), sara@demo.parley.test (supervisor),
      alex@demo.parley.test (super user)
Stop with Ctrl+C.`);
}
