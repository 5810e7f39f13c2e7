// How the widget is bundled, shared by build.mjs (writes dist/) and the size test (builds in memory).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const common = {
  bundle: true,
  minify: true,
  target: 'es2020',
  platform: 'browser',
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  metafile: true,
};

/**
 * The loader (widget.js, an IIFE: the one script tag) and the body it imports when needed
 * (widget-body.js, an ES module). The loader asks for the body by its content hash, so a new build is
 * never mixed with a cached one. Returns both files' bytes and the bundles' input lists.
 */
export async function bundleWidget({ outDir = join(here, 'dist'), write = true } = {}) {
  const body = await build({
    ...common,
    entryPoints: [join(here, 'src', 'body.ts')],
    outfile: join(outDir, 'widget-body.js'),
    format: 'esm',
    write: false,
  });
  const bodyCode = body.outputFiles[0].contents;
  const hash = createHash('sha256').update(bodyCode).digest('hex').slice(0, 12);
  const loader = await build({
    ...common,
    entryPoints: [join(here, 'src', 'loader.ts')],
    outfile: join(outDir, 'widget.js'),
    format: 'iife',
    define: { __BODY_PATH__: JSON.stringify(`/widget-body.js?v=${hash}`) },
    write: false,
  });
  const files = { 'widget.js': loader.outputFiles[0], 'widget-body.js': body.outputFiles[0] };
  if (write) {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(outDir, { recursive: true });
    for (const f of Object.values(files)) writeFileSync(f.path, f.contents);
  }
  return {
    loader: {
      path: files['widget.js'].path,
      code: files['widget.js'].contents,
      inputs: Object.keys(loader.metafile.inputs),
    },
    body: { path: files['widget-body.js'].path, code: bodyCode, inputs: Object.keys(body.metafile.inputs) },
  };
}
