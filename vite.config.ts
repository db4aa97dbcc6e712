// Vite serves the web sandbox from web/; vitest runs the suites under test/ from the project root.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { loadScenario } from './src/scenario/load.js';

const ROOT = fileURLToPath(new URL('./', import.meta.url));
/** The library's modules only define things: the page's lazy chunks (explorer, compare, import) take what they use of it. */
const LIBRARY = fileURLToPath(new URL('./src/', import.meta.url));
const YAML_ON_DEMAND = fileURLToPath(new URL('./web/yaml-on-demand.ts', import.meta.url));
const COMPOSE_READER = fileURLToPath(new URL('./src/compose/compose.ts', import.meta.url));
const COMPOSE_ON_DEMAND = fileURLToPath(new URL('./web/compose-on-demand.ts', import.meta.url));
const BROWSER_ON_DEMAND = fileURLToPath(new URL('./src/browser-on-demand.ts', import.meta.url));
const SCENARIO_QUERY = '?scenario';

/**
 * `import file from 'x.yaml?scenario'`: `{ text, scenario }`, the file and its scenario loaded when the page is built
 * (a file that does not load fails the build with the loader's error), so opening a lesson needs no YAML parser.
 */
function scenarioFiles(): Plugin {
  return {
    name: 'swarmlab-scenario-files',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(SCENARIO_QUERY)) return null;
      const path = id.slice(0, -SCENARIO_QUERY.length);
      this.addWatchFile(path);
      const text = readFileSync(path, 'utf8');
      const scenario = loadScenario(text, relative(ROOT, path));
      const odd = nonJson(scenario, 'scenario');
      if (odd) this.error(`${path}: ${odd} would not survive JSON`);
      return `export default ${JSON.stringify({ text, scenario })};`;
    },
  };
}

/** The first value under `value` that JSON would change (a function, a Map, a non-finite number…), or null. */
function nonJson(value: unknown, path: string): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const odd = nonJson(item, `${path}[${i}]`);
      if (odd) return odd;
    }
    return null;
  }
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return path;
  for (const [key, item] of Object.entries(value)) {
    const odd = item === undefined ? null : nonJson(item, `${path}.${key}`);
    if (odd) return odd;
  }
  return null;
}

/**
 * The page's main thread imports 'yaml' through web/yaml-on-demand.ts and the compose reader through
 * web/compose-on-demand.ts: both leave the first load (the on-demand barrel, which fetches the reader, imports it as is).
 */
function readersOnDemand(): Plugin {
  return {
    name: 'swarmlab-readers-on-demand',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer) return null;
      if (source === 'yaml') return importer === YAML_ON_DEMAND ? null : YAML_ON_DEMAND;
      const composeReader =
        source.endsWith('/compose.js') && resolve(dirname(importer), source.replace(/\.js$/, '.ts')) === COMPOSE_READER;
      return composeReader && importer !== BROWSER_ON_DEMAND ? COMPOSE_ON_DEMAND : null;
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: 'web',
  base: './',
  // Tests import the library's modules as Node runs them: only the page's own builds (dev and production) defer yaml.
  plugins: mode === 'test' ? [scenarioFiles()] : [scenarioFiles(), readersOnDemand()],
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
}));
