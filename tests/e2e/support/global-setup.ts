import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm test` builds before Playwright runs; a bare `npx playwright test` on a fresh clone does not.
 * Build only what is missing, so the usual run costs nothing here.
 */
export default function globalSetup(): void {
  const root = resolve(import.meta.dirname, '../../..');
  const steps: [string, string][] = [
    ['.output/chrome-mv3/manifest.json', 'npx wxt build'],
    ['widget/dist/widget-body.js', 'node widget/build.mjs'],
    ['.output/firefox-mv2/manifest.json', 'npx wxt build -b firefox'],
  ];
  for (const [artifact, command] of steps) {
    if (existsSync(join(root, artifact))) continue;
    console.log(`e2e: ${artifact} is missing; running ${command}`);
    execSync(command, { cwd: root, stdio: 'inherit' });
  }
}
