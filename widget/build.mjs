// Builds the visitor widget into dist/: widget.js (the loader, GET /widget.js) and widget-body.js
// (what it imports when needed, GET /widget-body.js). See bundle.mjs.
// Usage: node widget/build.mjs   (or npm run build:widget)
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleWidget } from './bundle.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const { loader, body } = await bundleWidget();
for (const f of [loader, body])
  console.log(
    `widget: ${relative(process.cwd(), f.path)} ${kb(f.code.length)} (${kb(gzipSync(f.code, { level: 9 }).length)} gzipped)`,
  );
