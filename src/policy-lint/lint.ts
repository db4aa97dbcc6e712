// `swarmlab lint` as a library: a stack file or a scenario in, its findings (each with its proof) out.

import type { ComposeEnv } from '../compose/interpolate.js';
import type { Scenario } from '../scenario/types.js';
import { RULES } from './rules.js';
import { composeTargets, scenarioTargets } from './source.js';
import type { Finding, LintTarget } from './types.js';

export interface LintOptions {
  /** Nodes of the swarm a stack file's proofs run on (default 3). */
  nodes?: number;
  /** What `${VAR}` in the stack file reads (the CLI's environment; none by default). */
  env?: ComposeEnv;
}

/** Findings of every service of a stack (compose) file, by line then rule order. */
export function lintStack(text: string, file: string, opts: LintOptions = {}): Finding[] {
  return lintTargets(composeTargets(text, file, { nodes: opts.nodes ?? 3, env: opts.env }));
}

/** Findings of the service a scenario's first image update changes (its commands give the lines). */
export function lintScenario(text: string, scenario: Scenario): Finding[] {
  return lintTargets(scenarioTargets(text, scenario));
}

function lintTargets(targets: LintTarget[]): Finding[] {
  const findings: Finding[] = [];
  for (const target of targets) {
    for (const rule of RULES) {
      const found = rule.check(target);
      if (found) findings.push(found);
    }
  }
  const order = new Map(RULES.map((rule, i) => [rule.id, i]));
  return findings.sort((a, b) => a.line - b.line || order.get(a.ruleId)! - order.get(b.ruleId)!);
}

/** 1 when some finding is an error, else 0 (as other swarmlab commands: 1 = something to fix). */
export function lintExitCode(findings: readonly Finding[]): number {
  return findings.some((f) => f.level === 'error') ? 1 : 0;
}
