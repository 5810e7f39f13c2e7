// Generates Parley's three built-in alert sounds as small 16-bit mono WAV files in public/sounds/.
// The sounds are original work made by this script (plain sine tones with an envelope) and are
// covered by the project's own licence. Run: node scripts/make-sounds.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'sounds');

/** notes: [frequency Hz, start s, length s]; each note decays exponentially, with harmonics for colour. */
const SOUNDS = {
  chime: {
    length: 0.7,
    notes: [
      [880, 0, 0.45],
      [1318.5, 0.16, 0.54],
    ],
    harmonics: [1, 0.3],
    decay: 6,
  },
  ping: { length: 0.35, notes: [[1760, 0, 0.35]], harmonics: [1, 0.15], decay: 14 },
  bell: {
    length: 0.9,
    notes: [
      [659.3, 0, 0.9],
      [987.8, 0, 0.9],
    ],
    harmonics: [1, 0.5, 0.25],
    decay: 4.5,
  },
};

function render({ length, notes, harmonics, decay }) {
  const samples = new Float32Array(Math.round(RATE * length));
  for (const [freq, start, dur] of notes) {
    const from = Math.round(start * RATE);
    const count = Math.min(Math.round(dur * RATE), samples.length - from);
    for (let i = 0; i < count; i++) {
      const t = i / RATE;
      const attack = Math.min(1, t / 0.005);
      const envelope = attack * Math.exp(-decay * t);
      let v = 0;
      harmonics.forEach((gain, h) => (v += gain * Math.sin(2 * Math.PI * freq * (h + 1) * t)));
      samples[from + i] += v * envelope;
    }
  }
  const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const pcm = Buffer.alloc(samples.length * 2);
  samples.forEach((v, i) => pcm.writeInt16LE(Math.round((v / peak) * 0.8 * 32767), i * 2));
  return pcm;
}

function wav(pcm) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

mkdirSync(out, { recursive: true });
for (const [name, spec] of Object.entries(SOUNDS)) {
  writeFileSync(join(out, `${name}.wav`), wav(render(spec)));
  console.log(`public/sounds/${name}.wav`);
}
