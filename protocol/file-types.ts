/**
 * The allowed list of files and their limits (FEATURES D3), without zod: the widget bundles this file
 * (see protocol/visitor.ts for why the widget stays off classic zod).
 */

export const FILE_LIMITS = {
  /** Bytes per file when a chat sets no limit of its own. */
  defaultChatFileBytes: 10 * 1024 * 1024,
  /** The largest per-chat limit a super user may set. */
  maxChatFileBytes: 50 * 1024 * 1024,
  /** Characters kept of a file's name (after taking out path parts and control characters). */
  fileNameChars: 200,
  /** Hours a visitor's file waits for a rep's review; then the hub rejects it and deletes its bytes (FEATURES I4). */
  unreviewedHours: 72,
} as const;

/**
 * The allowed list of FEATURES D3, by the type sniffed from the bytes. `extensions` are the names that
 * type may carry (the first is used when a name has none); `inline` types are shown as images.
 */
export const ALLOWED_FILE_TYPES = [
  { mime: 'application/pdf', extensions: ['pdf'], inline: false },
  { mime: 'application/msword', extensions: ['doc'], inline: false },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    inline: false,
  },
  { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], inline: false },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    inline: false,
  },
  { mime: 'application/vnd.ms-excel', extensions: ['xls'], inline: false },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], inline: false },
  { mime: 'text/plain', extensions: ['txt'], inline: false },
  { mime: 'application/rtf', extensions: ['rtf'], inline: false },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jfif'], inline: true },
  { mime: 'image/png', extensions: ['png'], inline: true },
  { mime: 'image/gif', extensions: ['gif'], inline: true },
  { mime: 'image/bmp', extensions: ['bmp'], inline: true },
  { mime: 'image/webp', extensions: ['webp'], inline: true },
  // Browsers mostly cannot show these two: they are offered as downloads.
  { mime: 'image/tiff', extensions: ['tif', 'tiff'], inline: false },
  { mime: 'image/heif', extensions: ['heif', 'heic'], inline: false },
] as const;

export type AllowedFileType = (typeof ALLOWED_FILE_TYPES)[number];

/** For `<input type=file accept>`: a hint to the picker only; the hub decides. */
export const ACCEPT_ATTRIBUTE = ALLOWED_FILE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(',');

export const isInlineImage = (mime: string) => ALLOWED_FILE_TYPES.some((t) => t.mime === mime && t.inline);

/**
 * Audio a customer sends on a messaging channel, mostly voice notes (FEATURES G2): the types WhatsApp,
 * Messenger and Twilio MMS deliver. Allowed only for files fetched from a channel, not in the widget's
 * list (D3); sniffed from the bytes like every other file. The panel plays them with `<audio>`.
 */
export const CHANNEL_AUDIO_TYPES = [
  { mime: 'audio/ogg', extensions: ['ogg', 'opus', 'oga'], inline: false },
  { mime: 'audio/mpeg', extensions: ['mp3'], inline: false },
  { mime: 'audio/aac', extensions: ['aac'], inline: false },
  { mime: 'audio/mp4', extensions: ['m4a', 'mp4'], inline: false },
  { mime: 'audio/amr', extensions: ['amr'], inline: false },
  { mime: 'audio/wav', extensions: ['wav'], inline: false },
] as const;

/** A file's type as the hub judges it: one of the widget's list or a channel's audio. */
export type FileType = AllowedFileType | (typeof CHANNEL_AUDIO_TYPES)[number];

/** What a channel's media may be: the widget's list and audio. */
export const CHANNEL_FILE_TYPES: readonly FileType[] = [...ALLOWED_FILE_TYPES, ...CHANNEL_AUDIO_TYPES];

export const isAudio = (mime: string) => CHANNEL_AUDIO_TYPES.some((t) => t.mime === mime);

/** Header that carries the visitor's credential (`VisitorToken`, minted by the hub) on their REST calls, as `hello` does on the socket. */
export const VISITOR_HEADER = 'x-parley-visitor';
