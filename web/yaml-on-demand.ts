// The yaml package as the page sees it: the same functions, the package itself fetched on demand (loadYaml) instead of
// in the first load. The page's build routes every `import … from 'yaml'` of the main thread here (vite.config.ts);
// whatever may call these first waits for loadYaml: a lazy chunk at its top, a lesson with compose files before it
// opens. Lessons' scenario files are parsed when the page is built (`?scenario` imports) and need no parser.
import type * as YamlModule from 'yaml';
import { loadComposeReader } from './compose-on-demand.js';
import { type OnDemand, onDemand } from './on-demand.js';

type Yaml = typeof YamlModule;

let yaml: Yaml | null = null;

/**
 * Fetches the yaml package once (again after a failed fetch), with the compose reader that reads YAML files
 * (compose-on-demand.ts); resolves when their functions can be called.
 */
export const loadYaml: OnDemand<void> = onDemand(() =>
  Promise.all([
    import('yaml').then((module) => {
      yaml = module;
    }),
    loadComposeReader(),
  ]).then(() => undefined),
);

function lib(): Yaml {
  if (!yaml) throw new Error('the YAML parser is not loaded yet: await loadYaml() first');
  return yaml;
}

type AnyFunction = (...args: unknown[]) => unknown;
const call =
  <K extends 'parse' | 'parseDocument' | 'stringify' | 'isAlias' | 'isMap' | 'isScalar' | 'isSeq'>(name: K) =>
  (...args: unknown[]) =>
    (lib()[name] as AnyFunction)(...args);

export const parse = call('parse') as Yaml['parse'];
export const parseDocument = call('parseDocument') as Yaml['parseDocument'];
export const stringify = call('stringify') as Yaml['stringify'];
export const isAlias = call('isAlias') as Yaml['isAlias'];
export const isMap = call('isMap') as Yaml['isMap'];
export const isScalar = call('isScalar') as Yaml['isScalar'];
export const isSeq = call('isSeq') as Yaml['isSeq'];
/** `new LineCounter()`: a constructor that returns the package's own instance. */
export const LineCounter = function LineCounter() {
  return new (lib().LineCounter)();
} as unknown as Yaml['LineCounter'];
