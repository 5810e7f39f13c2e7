import { join } from 'node:path';
import { openDb } from '#hub/storage/db';
import type { HubProcess } from './hub';
import { servePages } from './page-server';

/**
 * Changes the stopped hub's embedded database directly, then starts the hub again: for set-ups the
 * product has no screen for yet (e.g. a second website). PGlite allows one process at a time.
 */
export async function editHubData(hub: HubProcess, sql: string): Promise<void> {
  await hub.stop();
  const db = await openDb({ dataDir: join(hub.dataDir, 'pglite') });
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
  await hub.start();
}

/** A second demo website, "Help desk" (chat key demo-help), whose queue has Anna and Ben. */
export const HELP_DESK_SQL = `
  insert into chats (id, key, name) values ('ch_help', 'demo-help', 'Help desk');
  insert into queues (id, chat_id, name) values ('q_help', 'ch_help', 'Help');
  insert into queue_members (queue_id, rep_id, position) values ('q_help', 'r_anna', 0), ('q_help', 'r_ben', 1);
`;

/**
 * A second website on loopback (its own port, so its own origin) with the help desk's widget. Served
 * for real rather than by Playwright's request interception: Chromium treats an intercepted page as
 * public and its Local Network Access checks then block the widget's socket to the loopback hub.
 */
export async function serveHelpDeskSite(hubUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Help desk</title></head>
<body><h1>Help desk</h1><script src="${hubUrl}/widget.js" data-chat="demo-help" async></script></body></html>`;
  const site = await servePages((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
  );
  return { url: `${site.url}/`, close: site.close };
}
