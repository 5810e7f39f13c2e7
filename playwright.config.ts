import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/browsers.mjs';

/**
 * End-to-end: the built extension in Chromium (PARLEY_CHROMIUM, else Debian's, else Playwright's own;
 * scripts/browsers.mjs) and, for the Firefox smoke, in Firefox ESR (PARLEY_FIREFOX, else Debian's),
 * against a real hub child process per test. Each test owns its hub, browser profile and port, but
 * the machines have 2 cores and a hub restart is timing-sensitive, so tests run one at a time.
 * Build first (`npm run build`); globalSetup only builds what is missing.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // One retry on CI, reported as flaky: the last fresh-clone preview saw faults' heartbeat and xss fail once in the full run while passing alone (see the session note).
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    // The extension fixture launches its own persistent context; these apply to anything else.
    launchOptions: { executablePath: chromiumPath(), args: ['--no-sandbox'] },
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
  },
});
