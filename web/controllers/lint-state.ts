// What the lint panel shows, as the lint controller holds it and the panel (fetched with the first lint) reads it.
import type { LintFinding } from '../../src/browser.js';

/** What the lint panel shows: nothing yet, the lint running, its findings, or why the file has none to show. */
export type LintState =
  | { kind: 'none' }
  | { kind: 'running'; file: string }
  | { kind: 'done'; file: string; findings: LintFinding[] }
  | { kind: 'noUpdate' | 'failed'; file: string };
