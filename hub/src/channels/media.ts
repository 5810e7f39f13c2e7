import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { CHANNEL_FILE_TYPES, type ChannelProvider } from '#protocol';
import { chatFileSettings, type NewFile } from '../files/records';
import { judgeFile } from '../files/sniff';
import { TooLarge, type FileStore } from '../files/store';
import type { Sql } from '../storage/db';
import { newId } from '../storage/ids';
import type { Connection } from './connections';
import type { MediaRef } from './items';
import type { ChannelSettings } from './settings';
import { PROVIDER_APIS } from './senders';

/**
 * A customer's file from a channel (FEATURES G2, D3): fetched from the provider's API into the file
 * store with the same limit, sniffing and review as a visitor's upload (it waits for the rep's
 * approval), and audio (voice notes) allowed besides the widget's list. A file that is too large or of a type not allowed is not kept; the message says so
 * instead (`refused`), so the customer's message itself is never lost.
 */

export type MediaOutcome = { file: NewFile } | { refused: string };

/** The store reads a request body; a fetched body is one too once it says when it is complete. */
function asBody(stream: ReadableStream<Uint8Array>): IncomingMessage {
  const node = Readable.fromWeb(stream as import('node:stream/web').ReadableStream<Uint8Array>) as Readable & {
    complete?: boolean;
  };
  node.complete = false;
  node.on('end', () => (node.complete = true));
  return node as unknown as IncomingMessage;
}

export async function fetchMedia(
  db: Sql,
  files: FileStore,
  settings: ChannelSettings,
  conn: Connection,
  chatId: string,
  media: MediaRef,
): Promise<MediaOutcome> {
  const { fileMaxBytes } = await chatFileSettings(db, chatId);
  const api = PROVIDER_APIS[conn.provider as ChannelProvider] as (typeof PROVIDER_APIS)['whatsapp'];
  const fetched = await api.fetchMedia(settings, conn as Connection<'whatsapp'>, media);
  const tooLarge = { refused: `a file larger than this chat's limit of ${fileMaxBytes} bytes was not kept` };
  if (fetched.declaredLength !== null && fetched.declaredLength > fileMaxBytes) {
    await fetched.body.cancel().catch(() => {});
    return tooLarge;
  }
  let received;
  try {
    received = await files.receive(asBody(fetched.body), fileMaxBytes);
  } catch (err) {
    if (err instanceof TooLarge) return tooLarge;
    throw err;
  }
  const verdict = await judgeFile(received.tmp, received.size, media.name ?? 'file', CHANNEL_FILE_TYPES);
  if (!verdict.ok) {
    await files.discard(received.tmp);
    return { refused: `a file was not kept: ${verdict.message}` };
  }
  const id = newId('f');
  await files.keep(received.tmp, id);
  return {
    file: {
      id,
      uploader: 'visitor',
      name: verdict.name,
      mime: verdict.type.mime,
      size: received.size,
      sha256: received.sha256,
      status: 'pending',
    },
  };
}
