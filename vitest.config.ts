/// <reference types="@vitest/browser/providers/playwright" />
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { chromiumPath } from './scripts/browsers.mjs';

// Four projects: extension logic runs in Node against WXT's fake browser; Vue components run in a
// real Chromium (`*.browser.test.ts`, same fake browser, real IndexedDB); hub, widget and protocol run
// in plain Node against real servers on random ports; docs are checked against the tree. Parallelism
// stays at 2: the machines have 2 cores.
const COMPONENT_TESTS = ['components/**/*.browser.test.ts', 'entrypoints/**/*.browser.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        plugins: [WxtVitest(), vue()],
        test: {
          name: 'extension',
          // The page icon's content script (crm-icon.content) builds plain DOM; its tests use happy-dom.
          environment: 'happy-dom',
          // The worker tests reconnect real sockets; on a loaded 2-core machine that can pass 5 s.
          testTimeout: 20_000,
          include: ['entrypoints/**/*.test.ts', 'utils/**/*.test.ts', 'stores/**/*.test.ts'],
          exclude: COMPONENT_TESTS,
        },
      },
      {
        // WXT's plugins without its API mock, whose set-up module is virtual (the page cannot load
        // it) and whose `wxt/browser` also loads WXT's Node-only Vitest plugin: tests/components/ has both.
        plugins: [
          (await WxtVitest()).filter(
            (plugin) => !(plugin && 'name' in plugin && plugin.name === 'wxt:extension-api-mock'),
          ),
          vue(),
        ],
        // utils/i18n imports the English catalogue from public/; the test page serves nothing from it.
        publicDir: false,
        resolve: {
          alias: { 'wxt/browser': fileURLToPath(new URL('tests/components/wxt-browser.ts', import.meta.url)) },
        },
        // Bundled before the first test file loads: a dependency found mid-run makes Vite reload the
        // page, and a test that already imported its own copy (pinia) then sees none active.
        optimizeDeps: {
          include: [
            'vue',
            'pinia',
            'dexie',
            'zod',
            'zod/mini',
            'linkifyjs',
            '@tanstack/vue-virtual',
            '@webext-core/messaging',
            'wxt/utils/storage',
            'wxt/testing/fake-browser',
            'vitest-browser-vue',
            'chart.js',
            'vue-chartjs',
            'chartjs-chart-matrix',
          ],
        },
        test: {
          name: 'components',
          include: COMPONENT_TESTS,
          setupFiles: ['tests/components/fake-browser.ts', 'tests/components/setup.ts'],
          browser: {
            enabled: true,
            provider: 'playwright',
            headless: true,
            screenshotFailures: false,
            // One Chromium, one page: files run one after another, each in a fresh iframe (tests
            // clear IndexedDB, tests/components/setup.ts). Two pages were no faster on 2 cores.
            fileParallelism: false,
            instances: [
              {
                browser: 'chromium',
                launch: {
                  // PARLEY_CHROMIUM, else Debian's (Playwright's own cannot be downloaded here).
                  executablePath: chromiumPath(),
                  args: [
                    '--no-sandbox',
                    '--disable-background-networking',
                    '--disable-component-update',
                    '--disable-sync',
                    '--no-first-run',
                  ],
                },
              },
            ],
          },
        },
      },
      {
        test: {
          name: 'hub',
          environment: 'node',
          include: ['protocol/**/*.test.ts', 'hub/**/*.test.ts', 'widget/**/*.test.ts', 'tests/hub/**/*.test.ts'],
          globalSetup: ['tests/hub/postgres-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // docs/FEATURES.md against the tree: its paths exist, the ids cited in code are in it.
        test: { name: 'docs', environment: 'node', include: ['tests/docs/**/*.test.ts'] },
      },
    ],
  },
});
