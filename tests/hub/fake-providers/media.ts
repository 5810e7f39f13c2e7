import type { ServerResponse } from 'node:http';
import { json } from './loopback';

/** Files a fake provider serves at `/media/:id`, as the providers' CDNs do: bytes and a content type. */
export interface MediaFile {
  bytes: Buffer;
  mime: string;
}

export const mediaPath = (id: string) => `/media/${encodeURIComponent(id)}`;

/** Answers a `/media/:id` path from `media` (true), or leaves the request alone (false: not a media path). */
export function serveMedia(
  path: string,
  media: Map<string, MediaFile>,
  res: ServerResponse,
  notFound: unknown,
): boolean {
  const file = /^\/media\/(.+)$/.exec(path);
  if (!file) return false;
  const found = media.get(decodeURIComponent(file[1]));
  if (!found) json(res, 404, notFound);
  else res.writeHead(200, { 'content-type': found.mime, 'content-length': found.bytes.length }).end(found.bytes);
  return true;
}
