// Vite serves the web sandbox from web/; vitest runs the suites under test/ from the project root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The library's modules only define things: the page's lazy chunks (explorer, compare, import) take what they use of it. */
const LIBRARY = fileURLToPath(new URL('./src/', import.meta.url));

/** Real-swarm test files that judge no wall-clock duration: they may run while other tests load the machine. */
const SWARM_IO = [
  'test/swarm/faults.test.ts',
  'test/swarm/record.test.ts',
  'test/swarm/conform-random.test.ts',
  'test/swarm/http.test.ts',
  'test/swarm/images.test.ts',
  'test/swarm/recorder.test.ts',
  'test/swarm/compare.test.ts',
];

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
      // Real-swarm files that judge no duration (daemon faults, `record`, a campaign that accepts every verdict, the
      // client and compare units): one file at a time on the daemon, beside the sandbox files.
      {
        extends: true,
        test: {
          name: 'swarm-io',
          include: SWARM_IO,
          // One worker, not fileParallelism: false, which vitest runs after every parallel file instead of beside them.
          maxWorkers: 1,
          globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/swarm-leftovers.ts'],
        },
      },
      // Real-swarm runs that compare wall-clock durations with the simulator's within 15 %: one file at a time, after
      // everything else, so no other test loads the machine or the daemon under them.
      {
        extends: true,
        test: {
          name: 'swarm',
          include: ['test/swarm/**/*.test.ts'],
          exclude: SWARM_IO,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/swarm-leftovers.ts'],
        },
      },
    ],
  },
});
