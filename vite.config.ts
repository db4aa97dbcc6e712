// Vite serves the web sandbox from web/; vitest runs the suites under test/ from the project root.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist-web', emptyOutDir: true },
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    root: '.',
    testTimeout: 60_000,
    globalSetup: ['test/helpers/temp-root.ts'],
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'sandbox', include: ['test/**/*.test.ts'], exclude: ['test/swarm/**'] } },
      // Real-swarm runs compare wall-clock durations with the simulator's within 15 %: they run one file at a time,
      // after everything else, so no other test loads the machine or the daemon under them.
      {
        extends: true,
        test: {
          name: 'swarm',
          include: ['test/swarm/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
