// Builds the visitor widget into one minified file the hub serves at GET /widget.js.
// Usage: node hub/widget/build.mjs   (or npm run build:widget)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'widget.js');

/**
 * protocol/ writes `import { z } from 'zod'`. Through that named re-export esbuild cannot see which
 * members are used and bundles all of zod (every locale, JSON Schema tools): ~92 KiB gzipped. As a
 * namespace import (`import * as z`) the same code tree-shakes to ~25 KiB. Same runtime meaning
 * (`z` is zod's namespace either way), so rewrite it for this bundle only; once protocol/ imports
 * the namespace itself this plugin changes nothing.
 */
const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /[\\/]protocol[\\/][^\\/]+\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(/import\s*\{\s*z\s*\}\s*from\s*(['"])zod\1/g, 'import * as z from $1zod$1'), loader: 'ts' };
    });
  },
};

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
  plugins: [zodNamespaceImport],
});

const code = readFileSync(outfile);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`widget: ${relative(process.cwd(), outfile)} ${kb(code.length)} (${kb(gzipSync(code, { level: 9 }).length)} gzipped)`);
