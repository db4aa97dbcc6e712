// What `swarmlab lint` prints: findings as text (with each proof's replay file), JSON, or SARIF 2.1.0.
import { RULES } from './rules.js';
import type { Finding } from './types.js';

export type LintFormat = 'text' | 'json' | 'sarif';
export const LINT_FORMATS: readonly LintFormat[] = ['text', 'json', 'sarif'];

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface FormatOptions {
  /** Where the proofs' scenario files were written: the text then names them instead of printing them. */
  replayDir?: string;
}

export function formatFindings(
  findings: readonly Finding[],
  format: LintFormat,
  version: string,
  opts: FormatOptions = {},
): string {
  if (format === 'json') return `${JSON.stringify({ findings: findings.map(({ texts, ...f }) => f) }, null, 2)}\n`;
  if (format === 'sarif') return `${JSON.stringify(toSarif(findings, version), null, 2)}\n`;
  return formatText(findings, opts);
}

/** The name a proof's scenario is saved as (its `name:` inside). */
export function proofFileName(finding: Finding): string {
  return `lint-${finding.ruleId}-${finding.service}.yaml`;
}

/**
 * `FILE:LINE: LEVEL RULE: service NAME: why`, then the proof's figure and its scenario file (to save and replay with
 * `swarmlab run`), or why there is no simulated proof. A count of errors and warnings ends it.
 */
export function formatText(findings: readonly Finding[], opts: FormatOptions = {}): string {
  let text = '';
  for (const f of findings) {
    text += `${f.file}:${f.line}: ${f.level} ${f.ruleId}: service ${f.service}: ${f.message}\n`;
    if (f.proof && opts.replayDir !== undefined) {
      text += `  proof: ${f.proof.figure}\n`;
      text += `  replay: swarmlab run ${joinPath(opts.replayDir, proofFileName(f))}\n`;
    } else if (f.proof) {
      text += `  proof: ${f.proof.figure}\n`;
      text += `  replay: save as ${proofFileName(f)} and run swarmlab run ${proofFileName(f)}\n`;
      text += f.proof.scenario
        .trimEnd()
        .split('\n')
        .map((line) => `    ${line}\n`)
        .join('');
    } else {
      text += `  proof: ${f.noProof}\n`;
    }
  }
  return text + summary(findings);
}

/** `dir/file` without doubling a trailing slash (the page and the CLI share this module: no node:path). */
function joinPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir.replace(/[\\/]+$/, '')}/${file}`;
}

function summary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) return 'no findings\n';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`;
}

interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    results: SarifResult[];
  }[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: 'error' | 'warning' };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  properties: { service: string; proof: { figure: string; scenario: string } | null; noProof?: string };
}

/** A SARIF 2.1.0 log: one run, the rules as the tool's driver rules, one result per finding. */
export function toSarif(findings: readonly Finding[], version: string): SarifLog {
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'swarmlab',
            version,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              fullDescription: { text: `${rule.summary}. Source: ${rule.source}` },
              defaultConfiguration: { level: rule.level },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId)!,
          level: f.level,
          message: { text: `service ${f.service}: ${f.message}. Proof: ${f.proof ? f.proof.figure : f.noProof}` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: fileUri(f.file) }, region: { startLine: f.line } } },
          ],
          properties: { service: f.service, proof: f.proof, ...(f.noProof ? { noProof: f.noProof } : {}) },
        })),
      },
    ],
  };
}

/** A path as a SARIF artifact URI: forward slashes, each segment percent-encoded. */
function fileUri(path: string): string {
  return path.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}
