import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Keeps docs/FEATURES.md honest as the code moves: every path it names exists, its table and its
 * sections list the same ids, and every feature citation in the tree (`FEATURES C4–C7`) names an id
 * it has. A file that moves without its entry being updated fails here.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs/FEATURES.md'), 'utf8');

/** Where citations are looked for: source, tests and docs; never dependencies or build output. */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.output',
  '.wxt',
  'dist',
  'data',
  'test-results',
  'playwright-report',
  'coverage',
]);
const CITING_FILES = /\.(ts|vue|mjs|js|md|sql|sh)$/;

/** The ids of a heading or citation list: "C4–C7" is C4, C5, C6, C7; "E5, E6" both; "E" the area. */
function expandIds(list: string): string[] {
  const ids: string[] = [];
  for (const part of list.split(/,\s*/)) {
    const range = /^([A-I])(\d+)[–-]([A-I])?(\d+)$/.exec(part);
    if (range) {
      for (let n = Number(range[2]); n <= Number(range[4]); n++) ids.push(`${range[1]}${n}`);
    } else ids.push(part);
  }
  return ids;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/ /g, '-');

const headings = [...doc.matchAll(/^### (([A-I]\d+(?:–[A-I]\d+)?) .+)$/gm)].map((m) => ({
  text: m[1],
  ids: expandIds(m[2]),
}));
const headingIds = headings.flatMap((h) => h.ids);
const areas = [...doc.matchAll(/^## ([A-I])\. /gm)].map((m) => m[1]);
const tableRows = [...doc.matchAll(/^\| \[([A-I]\d+)\]\(#([^)]+)\) \|/gm)].map((m) => ({ id: m[1], anchor: m[2] }));

/**
 * The repository paths the page names in backticks, from the root (a folder when it ends in a slash).
 * Inside the brackets right after a folder — `components/contact/` (`CartSection.vue`, …) — bare
 * file and folder names belong to that folder. Anything else in backticks (frames, settings, URLs, globs) is not
 * a path.
 */
function namedPaths(): { line: number; path: string }[] {
  const lineOf = (index: number) => doc.slice(0, index).split('\n').length;
  const isFile = (token: string) => /^[\w.-]+\.(ts|vue|mjs|js|json|html|md|css|wav|sql)$/.test(token);
  const paths: { line: number; path: string }[] = [];
  const grouped = new Set<number>();
  for (const group of doc.matchAll(/`([^`\s]+\/)` \(([^)]*)\)/g)) {
    const start = group.index + group[0].indexOf('(');
    for (const m of group[2].matchAll(/`([^`]+)`/g)) {
      grouped.add(start + 1 + m.index);
      if (isFile(m[1]) || /^[\w.-]+\/$/.test(m[1])) paths.push({ line: lineOf(group.index), path: group[1] + m[1] });
    }
  }
  for (const m of doc.matchAll(/`([^`]+)`/g)) {
    const token = m[1];
    if (grouped.has(m.index) || /[\s{}*<>…]/.test(token) || token.startsWith('/') || token.startsWith('.')) continue;
    if (token.includes('/') || isFile(token)) paths.push({ line: lineOf(m.index), path: token });
  }
  return paths;
}

function* citingFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* citingFiles(join(dir, entry.name));
    } else if (CITING_FILES.test(entry.name)) yield join(dir, entry.name);
  }
}

describe('docs/FEATURES.md', () => {
  it('names only paths that exist', () => {
    const paths = namedPaths();
    expect(paths.length).toBeGreaterThan(300);
    const missing = paths.filter((p) => !existsSync(join(root, p.path))).map((p) => `line ${p.line}: ${p.path}`);
    expect(missing).toEqual([]);
  });

  it('lists in its table exactly the ids it has sections for, each linked to its section', () => {
    expect(tableRows.map((r) => r.id)).toEqual(headingIds);
    const anchors = new Set(headings.map((h) => slug(h.text)));
    expect(tableRows.filter((r) => !anchors.has(r.anchor)).map((r) => `${r.id} → #${r.anchor}`)).toEqual([]);
    expect(new Set(headingIds).size).toBe(headingIds.length);
  });

  it('has every id that a comment, test or doc in the tree cites', () => {
    const known = new Set([...headingIds, ...areas]);
    const unknown: string[] = [];
    let citations = 0;
    for (const file of citingFiles(root)) {
      const text = readFileSync(file, 'utf8');
      // "FEATURES C4–C7", "(FEATURES E5, E6)", "FEATURES F".
      for (const m of text.matchAll(/\bFEATURES ([A-I]\d*(?:[–-][A-I]?\d+)?(?:, [A-I]\d*(?:[–-][A-I]?\d+)?)*)/g)) {
        citations++;
        for (const id of expandIds(m[1])) if (!known.has(id)) unknown.push(`${file.slice(root.length)}: ${m[0]}`);
      }
    }
    expect(citations).toBeGreaterThan(300);
    expect(unknown).toEqual([]);
  });

  it('is what the tree cites: the old spec citation form is left only in shipped migrations', () => {
    // A clone has no ../shared/SPEC.md. Shipped migrations keep their text (the runner checksums it).
    const shipped = /\/migrations\/|\/fixtures\/legacy-/;
    const old = [...citingFiles(root)]
      .filter((file) => !shipped.test(file))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/\bSPEC [A-I]\d*/g)].map((m) => `${file.slice(root.length)}: ${m[0]}`),
      );
    expect(old).toEqual([]);
  });
});
