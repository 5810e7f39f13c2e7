// Mozilla's add-ons linter (web-ext lint) over the Firefox build: no error, and no warning but the
// ones docs/BROWSERS.md explains, each recognised by its code and the code it points at.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const BUILD = resolve(import.meta.dirname, '../.output/firefox-mv2');

/** Third-party code the linter flags; `marker` must appear just before the flagged column. */
const EXPLAINED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    marker: 'insertStaticContent(',
    why: "Vue's runtime inserting static markup from Parley's own compiled templates (Parley never uses v-html)",
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    marker: 'document.createElement("template");return',
    why: 'emoji-picker-element turning its own template strings into a <template>',
  },
];
/** How far before the flagged column a marker may be. */
const MARKER_WINDOW = 400;

function lint() {
  try {
    return execFileSync('npx', ['web-ext', 'lint', '--source-dir', BUILD, '--output', 'json', '--no-input'], {
      encoding: 'utf8',
    });
  } catch (error) {
    // web-ext exits non-zero when there are errors; the report is still on stdout.
    if (error.stdout) return error.stdout;
    throw error;
  }
}

function explanation(message) {
  if (!message.file || !message.line) return null;
  const line = readFileSync(join(BUILD, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const before = line.slice(Math.max(0, (message.column ?? 0) - MARKER_WINDOW), message.column ?? line.length);
  return EXPLAINED.find((e) => e.code === message.code && before.includes(e.marker)) ?? null;
}

const report = JSON.parse(lint());
const where = (m) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} ${m.message}`;
console.log(
  `web-ext lint ${BUILD}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
);
for (const m of report.errors) console.log(`  error   ${where(m)}`);
let unexplained = 0;
for (const m of report.warnings) {
  const known = explanation(m);
  if (!known) unexplained++;
  console.log(`  warning ${where(m)}${known ? `\n          explained: ${known.why}` : '   <- not explained'}`);
}
for (const m of report.notices) console.log(`  notice  ${where(m)}`);
if (report.errors.length > 0 || unexplained > 0) {
  console.error(
    'lint:firefox failed: fix the errors and warnings above, or explain a third-party one here and in docs/BROWSERS.md',
  );
  process.exit(1);
}
