// `swarmlab conform --random N`: a campaign of drawn scenarios, each on the simulator and the real swarm, then a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison } from '../real-swarm/compare.js';
import { formatComparison } from '../real-swarm/compare.js';
import { conformScenario, NotComparable } from '../real-swarm/conform.js';
import { type RandomCase, randomCases } from '../real-swarm/random-cases.js';
import { notComparableText } from '../real-swarm/unsimulated.js';
import { loadScenario } from '../scenario/load.js';

/** Largest campaign one command runs (each case takes 10-60 s of wall time on the swarm). */
export const MAX_RANDOM_CASES = 1000;

/**
 * `same`: the verdict holds; `timing`: only durations differ; `different`: outcome, images or tasks differ;
 * `not comparable`: a command gave a flag the simulator does not model; `not run`: the case could not run.
 */
export type CaseClass = 'same' | 'timing' | 'different' | 'not comparable' | 'not run';

export interface CampaignOptions {
  count: number;
  seed: number;
  outDir?: string;
  host?: string;
}

export interface CampaignIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: a progress line is redrawn there. */
  isTty: boolean;
}

interface CaseResult {
  id: string;
  summary: string;
  kind: CaseClass;
  /** The rows that made it differ, or why it could not run. */
  detail: string;
}

/** The class of a comparison: which judged rows failed. */
export function classify(comparison: Comparison): CaseClass {
  if (comparison.unsimulated.length) return 'not comparable';
  const failed = comparison.rows.filter((row) => row.judged && !row.ok);
  if (failed.length === 0) return 'same';
  return failed.every((row) => row.what.includes(' duration (')) ? 'timing' : 'different';
}

function runCase(drawn: RandomCase, options: CampaignOptions): { result: CaseResult; files: Record<string, string> } {
  const files: Record<string, string> = { 'scenario.yaml': drawn.yaml };
  try {
    const scenario = loadScenario(drawn.yaml, `${drawn.id}.yaml`);
    const { simulated, real, comparison } = conformScenario(scenario, { host: options.host });
    files['simulator.json'] = `${JSON.stringify(simulated.trace)}\n`;
    files['swarm.json'] = `${JSON.stringify(real.trace)}\n`;
    const verdict = formatComparison(comparison, ['simulator', 'swarm']);
    files['verdict.txt'] = verdict;
    const kind = classify(comparison);
    const failed = comparison.rows.filter((row) => row.judged && !row.ok);
    const detail =
      kind === 'not comparable'
        ? notComparableText(comparison.unsimulated)
        : failed.map((row) => `${row.what}: ${row.a} vs ${row.b}`).join('; ');
    return { result: { id: drawn.id, summary: drawn.summary, kind, detail }, files };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof NotComparable) {
      files['simulator.json'] = `${JSON.stringify(err.simulated.trace)}\n`;
      files['verdict.txt'] = `verdict: ${message} (not run on the swarm)\n`;
      return { result: { id: drawn.id, summary: drawn.summary, kind: 'not comparable', detail: message }, files };
    }
    files['verdict.txt'] = `not run: ${message}\n`;
    return { result: { id: drawn.id, summary: drawn.summary, kind: 'not run', detail: message }, files };
  }
}

function writeCase(outDir: string, id: string, files: Record<string, string>): void {
  const dir = join(outDir, id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** The closing table: how many cases per class, then each case that was not `same`. */
export function formatCampaign(results: readonly CaseResult[], seed: number): string {
  const classes: CaseClass[] = ['same', 'timing', 'different', 'not comparable', 'not run'];
  const lines = [`conform --random ${results.length} --seed ${seed}`];
  for (const kind of classes) lines.push(`  ${kind.padEnd(14)} ${results.filter((r) => r.kind === kind).length}`);
  const others = results.filter((r) => r.kind !== 'same');
  if (others.length) lines.push('', 'cases that differ (replay: the scenario.yaml of --out DIR/CASE):');
  for (const r of others) lines.push(`  ${r.id} [${r.kind}] ${r.summary}`, `      ${r.detail}`);
  return `${lines.join('\n')}\n`;
}

/** Runs the campaign; returns the exit status: 0 when every case is `same`, 1 otherwise. */
export function runConformCampaign(options: CampaignOptions, io: CampaignIo): number {
  const results: CaseResult[] = [];
  const cases = randomCases(options.seed, options.count);
  for (const [index, drawn] of cases.entries()) {
    io.err(
      `${io.isTty ? '\r\x1b[K' : ''}swarmlab conform: case ${index + 1}/${cases.length} (${drawn.id}: ${drawn.summary})${io.isTty ? '' : '\n'}`,
    );
    const { result, files } = runCase(drawn, options);
    if (options.outDir) writeCase(options.outDir, drawn.id, files);
    results.push(result);
  }
  if (io.isTty) io.err('\r\x1b[K');
  io.out(formatCampaign(results, options.seed));
  return results.every((r) => r.kind === 'same') ? 0 : 1;
}
