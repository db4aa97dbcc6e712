// The lint panel's texts in French and English; the findings' own texts are in lint-findings.ts.
import { getLang } from './messages.js';

const fr = () => getLang() === 'fr';

export const lintText = {
  heading: () => (fr() ? 'Pièges de la politique de mise à jour' : 'Update-policy traps'),
  running: (file: string) => (fr() ? `Analyse de ${file} (preuves simulées)…` : `Linting ${file} (simulating proofs)…`),
  none: (file: string) => (fr() ? `${file} : aucun piège trouvé.` : `${file}: no traps found.`),
  count: (file: string, errors: number, warnings: number) =>
    fr()
      ? `${file} : ${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}`
      : `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  noUpdate: (file: string) =>
    fr()
      ? `${file} ne met à jour l’image d’aucun service : pas de politique de mise à jour à vérifier.`
      : `${file} never updates a service's image: no update policy to check.`,
  failed: (file: string) => (fr() ? `${file} : l’analyse a échoué.` : `${file}: the lint failed.`),
  level: (level: 'error' | 'warning') =>
    level === 'error' ? (fr() ? 'erreur' : 'error') : fr() ? 'avertissement' : 'warning',
  line: (line: number) => (fr() ? `ligne ${line}` : `line ${line}`),
  service: (name: string) => `service ${name}`,
  lintScenario: (name: string) => (fr() ? `Analyser le scénario ${name}` : `Lint the scenario ${name}`),
  why: () => (fr() ? 'Pourquoi' : 'Why'),
  proof: () => (fr() ? 'Preuve' : 'Proof'),
  openProof: () => (fr() ? 'Ouvrir la preuve sur la chronologie' : 'Open the proof on the timeline'),
  /** The button's name: its visible text first (WCAG label in name), then which finding. */
  openProofOf: (ruleId: string, line: number) =>
    fr() ? `${lintText.openProof()} : ${ruleId}, ligne ${line}` : `${lintText.openProof()}: ${ruleId}, line ${line}`,
  opened: (ruleId: string) => (fr() ? `Preuve de ${ruleId} ouverte` : `Opened the proof of ${ruleId}`),
  discard: () =>
    fr()
      ? 'Ouvrir la preuve remplace la session et les lignes tapées. Continuer ?'
      : 'Opening the proof replaces the session and the lines you typed. Go on?',
};
