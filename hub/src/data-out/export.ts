import type { RepProfile } from '#protocol';
import { crmConnector } from '../crm/registry';
import { HubError } from '../inbox/errors';
import type { Db, Sql } from '../storage/db';
import { subjectOf } from './subject';
import type { ZipEntry } from './zip-stream';

/**
 * Everything the hub holds about a person (FEATURES H6), as the entries of one zip archive: read in
 * one transaction, so the archive is one consistent moment. `person.json` is the customer store's
 * record with its notes, tasks, tags, emails, purchases, cart and activity; `visitors.json` the
 * visitors that were them with the pages they were seen on; one `conversations/<id>.json` per
 * conversation with its messages, internal notes, files and the bot's answers; each file's bytes
 * under `files/`; `manifest.json` last, saying what is inside and which files could not be read.
 */

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));

const rows = async (tx: Sql, sql: string, params: unknown[]) =>
  (await tx.query<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from (${sql}) t`, params)).map(
    (r) => r.row,
  );

/** A file's name inside the archive: its id (unique) and its name with nothing that could leave the folder. */
export const archiveName = (id: string, name: string) =>
  `files/${id}-${name
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120)}`;

export interface PersonExport {
  entries: ZipEntry[];
  /** Files to append, read when the archive gets to them. */
  files: { id: string; path: string }[];
  manifest: Record<string, unknown>;
}

export async function gatherExport(db: Db, contactId: string, by: RepProfile, now: number): Promise<PersonExport> {
  return db.transaction(async (tx) => {
    const subject = await subjectOf(tx, contactId, now);
    const store = subject && (await crmConnector().exportContact({ tx, now, actor: by }, contactId));
    if (!subject || !store) throw new HubError('not_found', 'no such record');
    const visitors = await rows(tx, `select * from visitors where id = any($1) order by created_at, id`, [
      subject.visitorIds,
    ]);
    const trackedPages = await rows(
      tx,
      'select visitor_id, kind, url, title, product_id, quantity, at from crm_visitor_events where visitor_id = any($1) order by at, id',
      [subject.visitorIds],
    );
    const entries: ZipEntry[] = [
      { name: 'person.json', data: json(store), compress: true },
      {
        name: 'visitors.json',
        // The credential's hash is the hub's secret, not something known about the person.
        data: json({ visitors: visitors.map(({ token_hash: _hash, ...v }) => v), trackedPages }),
        compress: true,
      },
    ];
    const files: PersonExport['files'] = [];
    for (const id of subject.conversationIds) {
      const params = [id];
      const [conversation] = await rows(
        tx,
        'select c.*, ch.name as chat_name from conversations c join chats ch on ch.id = c.chat_id where c.id = $1',
        params,
      );
      const fileRows = await rows(tx, 'select * from files where conversation_id = $1 order by created_at, id', params);
      for (const f of fileRows) files.push({ id: String(f.id), path: archiveName(String(f.id), String(f.name)) });
      entries.push({
        name: `conversations/${id}.json`,
        data: json({
          conversation,
          messages: await rows(tx, 'select * from messages where conversation_id = $1 order by created_at, id', params),
          notes: await rows(tx, 'select * from notes where conversation_id = $1 order by created_at, id', params),
          files: fileRows.map((f) => ({ ...f, archivePath: archiveName(String(f.id), String(f.name)) })),
          botAnswers: await rows(
            tx,
            'select answers, lead_id, started_at from bot_runs where conversation_id = $1',
            params,
          ),
        }),
        compress: true,
      });
    }
    const manifest = {
      exportedAt: new Date(now).toISOString(),
      exportedBy: by.id,
      contactId,
      conversations: subject.conversationIds,
      files: files.map((f) => f.path),
    };
    return { entries, files, manifest };
  });
}

/** The archive's entries in order: the JSON, each file's bytes as read from the store, the manifest last. */
export async function* exportEntries(
  gathered: PersonExport,
  open: (id: string) => AsyncIterable<Uint8Array>,
  missing: string[],
): AsyncGenerator<ZipEntry> {
  yield* gathered.entries;
  for (const f of gathered.files) yield { name: f.path, data: () => open(f.id), compress: false };
  yield { name: 'manifest.json', data: json({ ...gathered.manifest, missingFiles: missing }), compress: true };
}
