// swarmlab lint's texts in English and French: every key in both, the same parameters, and every rule's finding in
// French.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintStack } from '../../src/policy-lint/lint.js';
import { LINT_TEXTS, type LintText, renderLint, ruleTitle } from '../../src/policy-lint/messages.js';
import { RULES } from '../../src/policy-lint/rules.js';
import type { Finding } from '../../src/policy-lint/types.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function stack(deploy: string[], extra: string[] = [], image = 'shop/web:1.0'): string {
  const indent = (lines: string[], by: string) => lines.map((line) => `${by}${line}\n`).join('');
  return `services:\n  web:\n    image: ${image}\n${indent(extra, '    ')}    deploy:\n${indent(deploy, '      ')}`;
}

const health = ['healthcheck:', '  test: ["CMD", "true"]', '  interval: 10s', '  retries: 3'];
const hostPort = ['ports:', '  - target: 80', '    published: 8080', '    mode: host'];
/** One stack per rule that makes it fire (the fixtures of rules.test.ts). */
const FIRING: Record<string, string> = {
  'monitor-shorter-than-failure': stack(['replicas: 3', 'update_config:', '  monitor: 5s'], health),
  'single-replica-stop-first': stack(['replicas: 1']),
  'failure-action-never-fires': stack([
    'replicas: 3',
    'update_config:',
    '  failure_action: rollback',
    '  max_failure_ratio: 1',
  ]),
  'start-first-host-port': stack(['replicas: 3', 'update_config:', '  order: start-first'], hostPort),
  'delay-not-shorter-than-monitor': stack(['replicas: 3', 'update_config:', '  delay: 10s', '  monitor: 5s']),
  'rollback-slower-than-update': stack([
    'replicas: 4',
    'update_config:',
    '  parallelism: 2',
    'rollback_config:',
    '  parallelism: 1',
  ]),
  'no-healthcheck-monitor-zero': stack(['replicas: 3', 'update_config:', '  monitor: 0s']),
  'image-without-digest': stack(['replicas: 2'], [], 'nginx'),
};

/** Every text of a finding: why, figure, no-proof reason. */
const textsOf = (f: Finding): LintText[] =>
  [f.texts.why, f.texts.figure, f.texts.noProof].filter((t) => t !== undefined);

describe('the catalogue', () => {
  it('has every key in English and French, non-empty, with the same parameters', () => {
    expect(Object.keys(LINT_TEXTS.fr).sort()).toEqual(Object.keys(LINT_TEXTS.en).sort());
    for (const [key, en] of Object.entries(LINT_TEXTS.en)) {
      const fr = LINT_TEXTS.fr[key as keyof typeof LINT_TEXTS.fr];
      expect([key, fr.length > 0, placeholders(fr)]).toEqual([key, true, placeholders(en)]);
    }
  });

  it('titles every rule in both languages, the English one being the rule summary the CLI prints', () => {
    for (const rule of RULES) {
      expect([rule.id, ruleTitle(rule.id, 'en')]).toEqual([rule.id, rule.summary]);
      expect(ruleTitle(rule.id, 'fr')).not.toBe(ruleTitle(rule.id, 'en'));
    }
  });
});

describe('every rule in French', () => {
  it.each(RULES.map((rule) => rule.id))('%s: its finding renders in French with every parameter filled', (id) => {
    const found = lintStack(FIRING[id], 'stack.yml').filter((f) => f.ruleId === id);
    expect(found).toHaveLength(1);
    const [f] = found;
    // The English rendering is what the CLI prints.
    expect(renderLint(f.texts.why, 'en')).toBe(f.message);
    expect(f.texts.figure ? renderLint(f.texts.figure, 'en') : renderLint(f.texts.noProof!, 'en')).toBe(
      f.proof?.figure ?? f.noProof,
    );
    for (const text of textsOf(f)) {
      const fr = renderLint(text, 'fr');
      expect(fr).not.toMatch(/\{\w+\}/);
      expect(fr).not.toBe(renderLint(text, 'en'));
    }
  });
});

describe('the README example in French', () => {
  it('gives the four findings of scenarios/stacks/traps.yml with French whys and figures (decimal commas)', () => {
    const findings = lintStack(readFileSync('scenarios/stacks/traps.yml', 'utf8'), 'traps.yml');
    expect(findings.map((f) => [f.line, f.ruleId])).toEqual([
      [4, 'image-without-digest'],
      [6, 'single-replica-stop-first'],
      [13, 'no-healthcheck-monitor-zero'],
      [15, 'failure-action-never-fires'],
    ]);
    expect(renderLint(findings[3].texts.why, 'fr')).toBe(
      'max_failure_ratio 1 avec 3 répliques : les échecs sont comptés sur 3 et 3/3 = 1 ne dépasse jamais 1, donc ' +
        'failure_action rollback ne peut jamais se déclencher',
    );
    expect(renderLint(findings[1].texts.figure!, 'fr')).toBe(
      'avec une nouvelle image saine, aucune tâche n’a servi pendant 1,7 s (de 0 s à 1,7 s après le début de la mise ' +
        'à jour) ; UpdateStatus est passé à completed (« update completed ») 6,7 s après le début de la mise à jour',
    );
  });
});
