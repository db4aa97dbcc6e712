// The challenges tab's words, French and English: labels, requirement meanings, refusals, verdicts (Docker's errors
// stay as Docker wrote them).
import type { AnswerRefusal } from '../../src/browser.js';
import { type Text, tr } from './messages.js';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export const CHALLENGE_WORDS = {
  pick: { fr: 'Défi', en: 'Challenge' },
  section: { fr: 'Section du cours', en: 'Course section' },
  requirements: { fr: 'Exigences (expressions de swarmlab check)', en: 'Requirements (swarmlab check expressions)' },
  runs: {
    fr:
      'Votre commande est lancée (avec -d) sur 5 graines (1 à 5, les téléchargements d’image durent 0,2 à 3 s), ' +
      'puis une 6e fois où node-3 est perdu 3 s après le début et revient 20 s plus tard.',
    en:
      'Your command is run (with -d) on 5 seeds (1 to 5, image pulls take 0.2 to 3 s), then a 6th time in which ' +
      'node-3 is lost 3 s after the start and comes back 20 s later.',
  },
  hint: { fr: 'Indice', en: 'Hint' },
  answer: { fr: 'Votre commande', en: 'Your command' },
  check: { fr: 'Vérifier', en: 'Check' },
  checking: { fr: 'Vérification…', en: 'Checking…' },
  share: { fr: 'Partager ce défi et la réponse', en: 'Share this challenge and the answer' },
  run: { fr: 'Exécution', en: 'Run' },
  outcome: { fr: 'État final', en: 'Final status' },
  duration: { fr: 'Durée', en: 'Duration' },
  lowest: { fr: 'Dispo. min.', en: 'Lowest avail.' },
  detect: { fr: 'Échec compté à', en: 'Failure counted at' },
  broken: { fr: 'Exigences non tenues', en: 'Requirements broken' },
  none: { fr: 'aucune', en: 'none' },
  never: { fr: 'jamais', en: 'never' },
  open: { fr: 'Ouvrir sur la chronologie', en: 'Open on the timeline' },
  openShort: { fr: 'Ouvrir', en: 'Open' },
  timeline: { fr: 'Chronologie', en: 'Timeline' },
  results: { fr: 'Résultats par exécution', en: 'Results per run' },
  dockerSaid: { fr: 'Docker refuse la commande :', en: 'Docker rejects the command:' },
} as const satisfies Record<string, Text>;

export const cw = (key: keyof typeof CHALLENGE_WORDS): string => tr(CHALLENGE_WORDS[key]);

/** A run's name in the table: `graine 3`, `graine 1, node-3 perdu à 9.1 s, revenu à 29.1 s`. */
export function runName(seed: number, loss: { node: string; atMs: number; backMs: number } | null): string {
  if (!loss) return tr({ fr: `graine ${seed}`, en: `seed ${seed}` });
  return tr({
    fr: `graine ${seed}, ${loss.node} perdu à ${seconds(loss.atMs)}, revenu à ${seconds(loss.backMs)}`,
    en: `seed ${seed}, ${loss.node} lost at ${seconds(loss.atMs)}, back at ${seconds(loss.backMs)}`,
  });
}

const METRIC_MEANING: Record<string, Text> = {
  outcome: { fr: 'état final de la mise à jour (UpdateStatus)', en: 'final UpdateStatus of the update' },
  'min-available': { fr: 'répliques en service au plus bas', en: 'fewest serving replicas' },
  duration: { fr: 'du début à l’état final', en: 'from the start to the final status' },
  'time-to-detect': { fr: 'du début au premier échec compté', en: 'from the start to the first failure counted' },
  'bad-tasks': { fr: 'tâches de la nouvelle image lancées', en: 'tasks of the new image started' },
};

/** `min-available>=4` → what it measures, in the page's language. */
export function requirementMeaning(text: string): string {
  const metric = /^[a-z-]+/.exec(text)?.[0] ?? '';
  const meaning = METRIC_MEANING[metric];
  return meaning ? tr(meaning) : '';
}

/** The verdict line: passed, or how many runs broke how many requirements. */
export function verdict(passed: boolean, runs: number, brokenRuns: number): string {
  if (passed)
    return tr({
      fr: `Réussi : les ${runs} exécutions tiennent toutes les exigences.`,
      en: `Passed: all ${runs} runs meet every requirement.`,
    });
  return tr({
    fr: `Pas encore : ${brokenRuns} exécution(s) sur ${runs} ne tiennent pas une exigence (voir le tableau).`,
    en: `Not yet: ${brokenRuns} of ${runs} runs break a requirement (see the table).`,
  });
}

/** Why an answer was not run, in the page's language (Docker's own error is shown after it, untranslated). */
export function refusalText(refusal: AnswerRefusal): string {
  switch (refusal.reason) {
    case 'empty':
      return tr({ fr: 'Tapez une commande.', en: 'Type a command.' });
    case 'not-service-command':
      return tr({
        fr: `Ce défi attend une commande docker service ${refusal.expected} ….`,
        en: `This challenge expects a docker service ${refusal.expected} … command.`,
      });
    case 'docker-error':
      return cw('dockerSaid');
    case 'wrong-service':
      return tr({
        fr: `Le défi porte sur le service ${refusal.expected}.`,
        en: `The challenge is about service ${refusal.expected}.`,
      });
    case 'wrong-image':
      return tr({
        fr: `Après votre commande le service tourne en ${refusal.actual} ; le défi demande ${refusal.expected}.`,
        en: `After your command the service runs ${refusal.actual}; the challenge asks for ${refusal.expected}.`,
      });
    case 'too-many-replicas':
      return tr({
        fr: `${refusal.replicas} répliques : un défi en simule ${refusal.max} au plus.`,
        en: `${refusal.replicas} replicas: a challenge simulates ${refusal.max} at most.`,
      });
    case 'no-rollout':
      return tr({
        fr: 'Aucune mise à jour n’a eu lieu après votre commande : rien à mesurer.',
        en: 'No update happened after your command: nothing to measure.',
      });
  }
}
