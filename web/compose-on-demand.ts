// The compose reader as the page's main thread sees it: the same function, its module (with the loaders' error texts)
// fetched on demand instead of in the first load. The page's build routes every main-thread import of
// src/compose/compose.ts here (vite.config.ts); loadYaml fetches it with the YAML parser, which every compose file
// needs first anyway.
import type { composeToSpecs as ComposeToSpecs } from '../src/browser-on-demand.js';

let reader: typeof ComposeToSpecs | null = null;

/** Fetches the compose reader (loadYaml calls it: await loadYaml() before reading a compose file). */
export function loadComposeReader(): Promise<void> {
  return import('../src/browser-on-demand.js').then((module) => {
    reader = module.composeToSpecs;
  });
}

export const composeToSpecs: typeof ComposeToSpecs = (...args) => {
  if (!reader) throw new Error('the compose reader is not loaded yet: await loadYaml() first');
  return reader(...args);
};
