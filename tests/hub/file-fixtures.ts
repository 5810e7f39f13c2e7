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
