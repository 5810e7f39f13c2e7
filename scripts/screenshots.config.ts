import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../playwright.config';

/**
 * The README's pictures (docs/screenshots/), made from the built extension against a real hub with
 * its demo data, so they show what ships: `npm run screenshots` (builds first). Not a test run: it
 * only writes the pictures; the layout's checked pictures are tests/e2e/panel-layout.spec.ts.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots.spec.ts',
  globalSetup: resolve(import.meta.dirname, '../tests/e2e/support/global-setup.ts'),
  outputDir: '../test-results/screenshots',
});
