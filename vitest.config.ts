import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Three projects: extension code runs against WXT's fake browser; hub and protocol run in plain Node
// against real servers on random ports. Parallelism stays at 2: the machines here have 2 cores.
export default defineConfig({
  test: {
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        // Vue single-file components are mounted in tests (the popup's controls).
        plugins: [WxtVitest(), vue()],
        test: {
          name: 'extension',
          environment: 'happy-dom',
          // The worker tests reconnect real sockets; on a loaded 2-core machine that can pass 5 s.
          testTimeout: 20_000,
          include: ['entrypoints/**/*.test.ts', 'utils/**/*.test.ts', 'stores/**/*.test.ts', 'components/**/*.test.ts'],
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
