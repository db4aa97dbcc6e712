// Vite serves the web sandbox from web/; vitest runs the suites under test/ from the project root.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist-web', emptyOutDir: true },
  server: { host: '127.0.0.1', port: 5173 },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
