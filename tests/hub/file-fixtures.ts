import { createHash, randomBytes } from 'node:crypto';

/** Files for upload tests, made from their real signatures so the hub's sniffer has to read the bytes. */

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A PDF of exactly `size` bytes: a real header and trailer around random filler. */
export function pdf(size = 4096): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n');
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length - tail.length)), tail]).subarray(0, size);
}

/** A 1×1 PNG. */
export const png = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );

/** The start of a Windows executable (an "MZ" DOS header and PE signature) — what a renamed .exe looks like. */
export function exe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  randomBytes(512).copy(b, 0x100);
  return b;
}

/** A FLAC audio file's signature: a real type, not on the allowed list. */
export const flac = () => Buffer.concat([Buffer.from('fLaC'), Buffer.from([0, 0, 0, 34]), randomBytes(600)]);

/** Plain UTF-8 text, including markup that must stay text. */
export const text = () => Buffer.from('Order 1234\n<script>window.__pwned = 1</script>\nZażółć gęślą jaźń\n', 'utf8');

/**
 * A WhatsApp voice note's start: an Ogg page (27-byte header, one segment) holding an Opus
 * identification header (`OpusHead`, mono, 48 kHz), then filler pages' worth of bytes.
 */
export function opusVoiceNote(): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'latin1');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12); // input sample rate
  const page = Buffer.alloc(28);
  page.write('OggS', 0, 'latin1');
  page.writeUInt8(2, 5); // first page of the stream
  page.writeUInt32LE(0x1234, 14); // stream serial number
  page.writeUInt8(1, 26); // one segment
  page.writeUInt8(head.length, 27);
  return Buffer.concat([page, head, randomBytes(800)]);
}

/** MP3 audio (as Twilio delivers an MMS voice message): MPEG-1 Layer III frame headers and their data. */
export function mp3(): Buffer {
  const frame = Buffer.alloc(417); // 128 kbit/s at 44.1 kHz
  Buffer.from([0xff, 0xfb, 0x90, 0x64]).copy(frame);
  return Buffer.concat([frame, frame, frame]);
}

const box = (type: string, payload: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};
/** A track's handler box: version and flags, pre_defined, the handler type, reserved, a name. */
const handler = (kind: 'soun' | 'vide') =>
  box(
    'hdlr',
    Buffer.concat([Buffer.alloc(8), Buffer.from(kind, 'latin1'), Buffer.alloc(12), Buffer.from('Handler\0')]),
  );

/**
 * An MP4 file branded `isom` (which `file-type` calls video/mp4) holding the given tracks: one sound
 * track is a voice clip as Messenger sends it; a picture track makes it a video.
 */
export function mp4(tracks: ('soun' | 'vide')[]): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom'), Buffer.alloc(4), Buffer.from('isomiso2mp41')]));
  const moov = box('moov', Buffer.concat(tracks.map((t) => box('trak', box('mdia', handler(t))))));
  return Buffer.concat([ftyp, moov, box('mdat', randomBytes(600))]);
}
