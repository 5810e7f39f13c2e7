// Gzipped size of every extension entrypoint (its HTML's scripts, preloads, styles and their static
// imports; shared chunks counted in each entrypoint that loads them) and of the visitor widget.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function closure(outDir, start) {
  const seen = new Set();
  const visit = (rel) => {
    const file = normalize(join(outDir, rel));
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(join(dirname(rel), m[1]));
  };
  start.forEach(visit);
  return [...seen];
}

export function entrypointSizes(outDir) {
  const rows = [];
  for (const name of readdirSync(outDir)) {
    let files;
    if (name.endsWith('.html')) {
      const html = readFileSync(join(outDir, name), 'utf8');
      files = closure(
        outDir,
        [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]),
      );
    } else if (name.endsWith('.js')) {
      files = closure(outDir, [name]);
    } else if (name === 'content-scripts') {
      for (const cs of readdirSync(join(outDir, name)))
        rows.push({ entrypoint: `content-scripts/${cs}`, files: 1, gzipBytes: gz(join(outDir, name, cs)) });
      continue;
    } else continue;
    rows.push({ entrypoint: name, files: files.length, gzipBytes: files.reduce((n, f) => n + gz(f), 0) });
  }
  return rows;
}

export const widgetSize = (file) => (existsSync(file) ? gz(file) : null);
