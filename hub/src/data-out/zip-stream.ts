import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * A zip archive made as it is read (fflate): entries one after the other, each file's bytes read
 * only when the reader wants more, so an export never holds a person's files in memory at once.
 */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /** The bytes, or a reader of them; a reader that throws leaves the entry out (`onMissing` is told). */
  data: Uint8Array | (() => AsyncIterable<Uint8Array>);
  /** Deflate it (JSON); files people send are mostly compressed already and are stored as they are. */
  compress: boolean;
}

export async function* zipStream(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  onMissing: (name: string) => void = () => {},
): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => (err ? (failed = err) : out.push(chunk)));
  function* drain() {
    if (failed) throw failed;
    while (out.length > 0) yield out.shift()!;
  }
  for await (const entry of entries) {
    if (entry.data instanceof Uint8Array) {
      const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
      zip.add(file);
      file.push(entry.data, true);
      yield* drain();
      continue;
    }
    // Read the first chunk before the entry is added, so a file that cannot be read leaves no half entry.
    const reader = entry.data()[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await reader.next();
    } catch {
      onMissing(entry.name);
      continue;
    }
    const file = entry.compress ? new ZipDeflate(entry.name, { level: 6 }) : new ZipPassThrough(entry.name);
    zip.add(file);
    for (let step = first; !step.done; step = await reader.next()) {
      file.push(step.value);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
