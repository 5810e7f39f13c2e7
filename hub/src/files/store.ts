import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

/**
 * Files on disk, in a folder of their own beside the database and outside anything the hub serves
 * as static content. Stored under their random id only: a visitor's chosen name never reaches the
 * file system.
 */

export interface Received {
  tmp: string;
  size: number;
  sha256: string;
}

/** The body went past the limit; what was written is already deleted. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than this chat's limit of ${limit} bytes`);
  }
}

export interface FileStore {
  readonly dir: string;
  /**
   * Streams a request body to a temporary file, hashing as it goes; refuses (TooLarge) as soon as it
   * passes `limit` bytes, so nothing larger is ever buffered or kept. The rest of the body is dropped.
   */
  receive(req: IncomingMessage, limit: number): Promise<Received>;
  /** The received file becomes the stored file `id`. */
  keep(tmp: string, id: string): Promise<void>;
  discard(path: string): Promise<void>;
  remove(id: string): Promise<void>;
  open(id: string): ReadStream;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export async function createFileStore(dir: string): Promise<FileStore> {
  await mkdir(dir, { recursive: true });
  const pathOf = (id: string) => {
    if (!ID.test(id)) throw new Error(`not a file id: ${id}`);
    return join(dir, id);
  };
  const discard = (path: string) => unlink(path).catch(() => {});
  return {
    dir,
    receive(req, limit) {
      return new Promise<Received>((resolve, reject) => {
        const tmp = join(dir, `.upload-${randomBytes(12).toString('hex')}`);
        const out = createWriteStream(tmp, { flags: 'wx' });
        const hash = createHash('sha256');
        let size = 0;
        let failed = false;
        const fail = (err: Error) => {
          if (failed) return;
          failed = true;
          out.destroy();
          void discard(tmp);
          req.resume(); // keep reading (and dropping) so the refusal can be answered
          reject(err);
        };
        req.on('data', (chunk: Buffer) => {
          if (failed) return;
          size += chunk.length;
          if (size > limit) return fail(new TooLarge(limit));
          hash.update(chunk);
          if (!out.write(chunk)) {
            req.pause();
            out.once('drain', () => req.resume());
          }
        });
        req.on('end', () => {
          if (!failed) out.end(() => resolve({ tmp, size, sha256: hash.digest('hex') }));
        });
        req.on('error', fail);
        req.on('close', () => {
          if (!req.complete) fail(new Error('the upload was cut off'));
        });
        out.on('error', fail);
      });
    },
    keep: (tmp, id) => rename(tmp, pathOf(id)),
    discard,
    remove: (id) => discard(pathOf(id)),
    open: (id) => createReadStream(pathOf(id)),
  };
}
