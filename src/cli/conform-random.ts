// `swarmlab conform --random N`: a campaign of drawn scenarios, each on the simulator and the real swarm, then a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Comparison } from '../real-swarm/compare.js';
import { failedRows, formatComparison, isDurationRow } from '../real-swarm/compare.js';
import { type ConformResult, conformScenario, formatPaced, NotComparable } from '../real-swarm/conform.js';
import { DEFAULT_DOCKER_HOST } from '../real-swarm/host.js';
import { labClusterAtHost } from '../real-swarm/lab-cluster/nodes.js';
import { LAB_CASE_NODES, type RandomCase, randomCases } from '../real-swarm/random-cases.js';
import { notComparableText } from '../real-swarm/unsimulated.js';
import { loadScenario } from '../scenario/load.js';
import { campaignSuite } from './conform-junit.js';
import { writeJUnitFile } from './junit-file.js';

/** Largest campaign one command runs (each case takes 10-60 s of wall time on the swarm). */
export const MAX_RANDOM_CASES = 1000;

/**
 * `same`: the verdict holds; `timing`: only durations differ; `pace`: outcome, images or tasks differ at the profile's
 * timing but not when simulated again at the pace the swarm showed (its container starts and stops);
 * `different`: they differ at both; `not comparable`: a command gave a flag the simulator does not model;
 * `not run`: the case could not run.
 */
export type CaseClass = 'same' | 'timing' | 'pace' | 'different' | 'not comparable' | 'not run';

export interface CampaignOptions {
  count: number;
  seed: number;
  outDir?: string;
  host?: string;
  /** `--junit FILE`: one test case per drawn case too. */
  junit?: string;
  /** Runs one case on both sides (tests give recorded comparisons instead of the swarm). */
  conform?: typeof conformScenario;
  /** Lab cases (3 nodes; node loss, drain and pause mid-run): on a lab cluster, see labCampaign. */
  lab?: boolean;
}

/**
 * Whether a campaign draws lab cases: yes when the host (`--host`, else DOCKER_HOST) is a swarmlab lab cluster's
 * manager, or `--lab` asks; `--lab` on any other swarm, or a lab too small for the cases' nodes, is refused.
 */
export function labCampaign(host: string | undefined, labFlag: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const cluster = labClusterAtHost(host, env);
  if (!cluster) {
    if (!labFlag) return false;
    const shown = (host ?? env.DOCKER_HOST ?? '').trim() || DEFAULT_DOCKER_HOST;
    throw new InputError(
      `conform: --lab needs a swarmlab lab cluster, and ${shown} is not one: start one with ` +
        `swarmlab cluster up --nodes ${LAB_CASE_NODES}, then give its manager with --host or DOCKER_HOST (cluster up ` +
        'prints it)',
    );
  }
  if (cluster.nodes.length < LAB_CASE_NODES) {
    throw new InputError(
      `conform: lab cases run on ${LAB_CASE_NODES} nodes; the lab cluster ${cluster.id} has ${cluster.nodes.length} ` +
        `(swarmlab cluster down --id ${cluster.id}, then swarmlab cluster up --id ${cluster.id} ` +
        `--nodes ${LAB_CASE_NODES})`,
    );
  }
  return true;
}

export interface CampaignIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: a progress line is redrawn there. */
  isTty: boolean;
}

export interface CaseResult {
  id: string;
  summary: string;
  kind: CaseClass;
  /** The rows that made it differ, or why it could not run. */
  detail: string;
}

/** The class of a comparison: which judged rows failed. */
export function classify(comparison: Comparison): CaseClass {
  if (comparison.unsimulated.length) return 'not comparable';
  const failed = failedRows(comparison);
  if (failed.length === 0) return 'same';
  return failed.every(isDurationRow) ? 'timing' : 'different';
}

/** The class of a conformed case: a difference that the swarm's own pace reproduces is `pace`, not `different`. */
export function classifyConformed(result: Pick<ConformResult, 'comparison' | 'paced'>): CaseClass {
  const kind = classify(result.comparison);
  if (kind !== 'different' || !result.paced) return kind;
  const paced = classify(result.paced.comparison);
  return paced === 'same' || paced === 'timing' ? 'pace' : kind;
}

/** A conformed case's class and, unless `same`, the rows that made it differ (or why it is not comparable). */
export function judgeConformed(conformed: Pick<ConformResult, 'comparison' | 'paced'>): {
  kind: CaseClass;
  detail: string;
} {
  const { comparison, paced } = conformed;
  const kind = classifyConformed(conformed);
  const failed = failedRows(comparison);
  const detail =
    kind === 'not comparable'
      ? notComparableText(comparison.unsimulated)
      : failed.map((row) => `${row.what}: ${row.a} vs ${row.b}`).join('; ') +
        (kind === 'pace' ? `; same at the swarm's pace (${paced!.seen.join('; ')})` : '');
  return { kind, detail };
}

function runCase(drawn: RandomCase, options: CampaignOptions): { result: CaseResult; files: Record<string, string> } {
  const files: Record<string, string> = { 'scenario.yaml': drawn.yaml };
  try {
    const scenario = loadScenario(drawn.yaml, `${drawn.id}.yaml`);
    const conformed = (options.conform ?? conformScenario)(scenario, { host: options.host });
    const { simulated, real, comparison, paced } = conformed;
    files['simulator.json'] = `${JSON.stringify(simulated.trace)}\n`;
    files['swarm.json'] = `${JSON.stringify(real.trace)}\n`;
    if (paced) files['simulator-at-swarm-pace.json'] = `${JSON.stringify(paced.simulated.trace)}\n`;
    files['verdict.txt'] = formatComparison(comparison, ['simulator', 'swarm']) + (paced ? formatPaced(paced) : '');
    return { result: { id: drawn.id, summary: drawn.summary, ...judgeConformed(conformed) }, files };
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
export function formatCampaign(results: readonly CaseResult[], seed: number, lab = false): string {
  const classes: CaseClass[] = ['same', 'timing', 'pace', 'different', 'not comparable', 'not run'];
  const lines = [`conform --random ${results.length} --seed ${seed}${lab ? ' --lab' : ''}`];
  for (const kind of classes) lines.push(`  ${kind.padEnd(14)} ${results.filter((r) => r.kind === kind).length}`);
  const others = results.filter((r) => r.kind !== 'same');
  if (others.length) lines.push('', 'cases that differ (replay: the scenario.yaml of --out DIR/CASE):');
  for (const r of others) lines.push(`  ${r.id} [${r.kind}] ${r.summary}`, `      ${r.detail}`);
  return `${lines.join('\n')}\n`;
}

/** Runs the campaign; returns the exit status: 0 when every case is `same`, 1 otherwise. */
export function runConformCampaign(options: CampaignOptions, io: CampaignIo): number {
  const results: CaseResult[] = [];
  const cases = randomCases(options.seed, options.count, options.lab === true);
  for (const [index, drawn] of cases.entries()) {
    io.err(
      `${io.isTty ? '\r\x1b[K' : ''}swarmlab conform: case ${index + 1}/${cases.length} ` +
        `(${drawn.id}: ${drawn.summary})${io.isTty ? '' : '\n'}`,
    );
    const { result, files } = runCase(drawn, options);
    if (options.outDir) writeCase(options.outDir, drawn.id, files);
    results.push(result);
  }
  if (io.isTty) io.err('\r\x1b[K');
  io.out(formatCampaign(results, options.seed, options.lab === true));
  if (options.junit !== undefined)
    writeJUnitFile(options.junit, [campaignSuite(results, options.seed, options.outDir)]);
  return results.every((r) => r.kind === 'same') ? 0 : 1;
}
