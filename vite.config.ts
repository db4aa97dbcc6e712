// Vite serves the web sandbox from web/; vitest runs the suites under test/ from the project root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The library's modules only define things: the page's lazy chunks (explorer, compare, import) take what they use of it. */
const LIBRARY = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  root: 'web',
  base: './',
  build: {
    outDir: '../dist-web',
    emptyOutDir: true,
    rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.startsWith(LIBRARY) } },
  },
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    root: '.',
    testTimeout: 60_000,
    globalSetup: ['test/helpers/temp-root.ts'],
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // Two workers on two cores: the sandbox files ran one at a time by default (cores - 1).
        test: { name: 'sandbox', include: ['test/**/*.test.ts'], exclude: ['test/swarm/**'], maxWorkers: 2 },
      },
      // Real-swarm runs compare wall-clock durations with the simulator's within 15 %: they run one file at a time,
      // after everything else, so no other test loads the machine or the daemon under them.
      {
        extends: true,
        test: {
          name: 'swarm',
          include: ['test/swarm/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/swarm-leftovers.ts'],
        },
      },
    ],
  },
});
