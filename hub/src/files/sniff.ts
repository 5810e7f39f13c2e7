import { readFile } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { ALLOWED_FILE_TYPES, FILE_LIMITS, type FileRefusal, type FileType } from '#protocol';

/**
 * Decides what a received file really is from its bytes (FEATURES D3), with the maintained sniffer
 * `file-type`, and whether it may be sent. The name only has to agree with the content.
 */

export type FileVerdict =
  { ok: true; type: FileType; name: string } | { ok: false; code: FileRefusal; message: string };

const refuse = (code: FileRefusal, message: string): FileVerdict => ({ ok: false, code, message });

/**
 * The name as shown and offered for download: no folders, no control or bidi-override characters,
 * no leading dots, at most FILE_LIMITS.fileNameChars characters (the extension is kept).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/\s+/g, ' ');
  if (clean.length <= FILE_LIMITS.fileNameChars) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return clean.slice(0, FILE_LIMITS.fileNameChars - ext.length) + ext;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/**
 * Old Office files are all one container format (MS-CFB), and so are installers (.msi): the
 * container must hold the stream its kind of document is made of, found by its UTF-16 name.
 */
const CFB_STREAMS: [string, string][] = [
  ['WordDocument', 'application/msword'],
  ['Workbook', 'application/vnd.ms-excel'],
  ['Book', 'application/vnd.ms-excel'],
  ['PowerPoint Document', 'application/vnd.ms-powerpoint'],
];

function cfbKind(bytes: Buffer): string | undefined {
  for (const [stream, mime] of CFB_STREAMS) if (bytes.includes(Buffer.from(stream, 'utf16le'))) return mime;
  return undefined;
}

/** Plain text: valid UTF-8 (a BOM allowed) with no control characters other than tab, line breaks and form feed. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text);
}

/**
 * The kinds of track an MP4 file holds: each track's `hdlr` box names its handler (`soun`, `vide`,
 * …) 8 bytes after the box type. `file-type` calls every MP4 not branded M4A `video/mp4`, though a
 * voice clip from Messenger or WhatsApp is an MP4 with one sound track and no picture.
 */
function mp4TrackKinds(bytes: Buffer): Set<string> {
  const kinds = new Set<string>();
  for (let at = bytes.indexOf('hdlr', 0, 'latin1'); at >= 0; at = bytes.indexOf('hdlr', at + 4, 'latin1'))
    if (at + 16 <= bytes.length) kinds.add(bytes.toString('latin1', at + 12, at + 16));
  return kinds;
}
const isSoundOnly = (kinds: Set<string>) => kinds.has('soun') && !kinds.has('vide');

/** What `file-type` calls some types we list under their registered name (an M4A voice note is audio/mp4). */
const SNIFFED_AS: Record<string, string> = { 'audio/x-m4a': 'audio/mp4' };

/** `allowed`: the widget's list (D3) by default; a channel's media also allows audio (CHANNEL_FILE_TYPES). */
export async function judgeFile(
  path: string,
  size: number,
  declaredName: string,
  allowed: readonly FileType[] = ALLOWED_FILE_TYPES,
): Promise<FileVerdict> {
  if (size === 0) return refuse('file_empty', 'the file is empty');
  const name = cleanFileName(declaredName);
  if (!name) return refuse('file_name_invalid', 'the file has no usable name');

  const detected = await fileTypeFromFile(path);
  let mime: string | undefined;
  let what: string;
  if (detected?.mime === 'application/x-cfb') {
    mime = cfbKind(await readFile(path));
    what = 'an Office container that is not a Word, Excel or PowerPoint document (e.g. an installer)';
  } else if (detected) {
    // Parameters dropped: an Opus voice note sniffs as `audio/ogg; codecs=opus`.
    const bare = detected.mime.split(';')[0];
    mime = SNIFFED_AS[bare] ?? bare;
    what = `${detected.ext.toUpperCase()} (${detected.mime})`;
    if (mime === 'video/mp4' && isSoundOnly(mp4TrackKinds(await readFile(path)))) mime = 'audio/mp4';
  } else {
    // No signature: only plain text is allowed among such files.
    mime = isPlainText(await readFile(path)) ? 'text/plain' : undefined;
    what = 'of an unknown binary type';
  }
  const type = allowed.find((t) => t.mime === mime);
  if (!type)
    return refuse('file_type_not_allowed', `this file is really ${what}, which is not on the list of allowed files`);

  const ext = extensionOf(name);
  if (!ext) return { ok: true, type, name: `${name}.${type.extensions[0]}` };
  if (!(type.extensions as readonly string[]).includes(ext)) {
    return refuse(
      'file_type_mismatch',
      `the file is named .${ext} but its content is ${type.extensions[0].toUpperCase()}; rename it to .${type.extensions[0]}`,
    );
  }
  return { ok: true, type, name };
}
