// A lint finding's texts in the page's language, from the lint's catalogue (src/policy-lint), fetched with the lint
// panel.
import type { LintFinding } from '../../src/browser.js';
import { renderLint, ruleTitle } from '../../src/browser-on-demand.js';
import { getLang } from './messages.js';

/** A finding's title, why, and proof (or why it has none), in the page's language. */
export function findingTexts(finding: LintFinding): { title: string; why: string; proof: string } {
  const lang = getLang();
  const { why, figure, noProof } = finding.texts;
  return {
    title: ruleTitle(finding.ruleId, lang),
    why: renderLint(why, lang),
    proof: figure ? renderLint(figure, lang) : noProof ? renderLint(noProof, lang) : '',
  };
}
