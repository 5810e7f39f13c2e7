// Builds the visitor widget into one minified file the hub serves at GET /widget.js.
// Usage: node hub/widget/build.mjs   (or npm run build:widget)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'widget.js');

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
});

const code = readFileSync(outfile);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`widget: ${relative(process.cwd(), outfile)} ${kb(code.length)} (${kb(gzipSync(code, { level: 9 }).length)} gzipped)`);
