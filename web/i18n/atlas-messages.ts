// The outcome atlas's texts, French and English: table, progress, how the exploration ended (its tab's name is in
// messages.ts).
import { getLang, type Text, tr } from './messages.js';

const ATLAS_TEXT = {
  intro: {
    fr:
      'Toutes les exécutions possibles du scénario ouvert à partir de sa commande docker service update (ordres des ' +
      'slots, tirages, délais) : où elles mènent, et avec quelle part des exécutions.',
    en:
      'Every possible run of the open scenario from its docker service update command on (slot orders, draws, ' +
      'timings): where they end, and what share of the runs reaches each end.',
  },
  noScenario: {
    fr: 'Ouvrez une leçon, un exercice, un fichier de scénario ou un point de l’explorateur pour dresser son atlas.',
    en: 'Open a lesson, a drill, a scenario file or an explorer point to draw its atlas.',
  },
  maxRuns: { fr: 'Exécutions au plus', en: 'Runs at most' },
  run: { fr: 'Dresser l’atlas', en: 'Draw the atlas' },
  stop: { fr: 'Arrêter', en: 'Stop' },
  progress: { fr: 'Exploration des exécutions', en: 'Exploring the runs' },
  caption: { fr: 'Issues atteintes', en: 'Outcomes reached' },
  tableRegion: { fr: 'Tableau des issues (défilable)', en: 'Outcome table (scrollable)' },
  status: { fr: 'UpdateStatus final', en: 'Final UpdateStatus' },
  images: { fr: 'Images en cours', en: 'Running images' },
  lowest: { fr: 'Disponibilité minimale', en: 'Lowest availability' },
  duration: { fr: 'Durée', en: 'Duration' },
  share: { fr: 'Part des exécutions', en: 'Share of runs' },
  timelineColumn: { fr: 'Chronologie', en: 'Timeline' },
  open: { fr: 'Ouvrir', en: 'Open' },
  failed: { fr: 'L’atlas n’a pas pu être dressé :', en: 'The atlas could not be drawn:' },
  nothing: { fr: 'rien', en: 'nothing' },
  unfinished: { fr: '(inachevée)', en: '(unfinished)' },
} satisfies Record<string, Text>;

export type AtlasKey = keyof typeof ATLAS_TEXT;

const fr = () => getLang() === 'fr';

/** An atlas text in the page's language. */
export const at = (key: AtlasKey): string => tr(ATLAS_TEXT[key]);

/** A share of runs: `80 % (48)` in French, `80% (48)` in English; one decimal when not whole. */
export function shareText(runs: number, total: number): string {
  const percent = Number(((runs / total) * 100).toFixed(1));
  const shown = fr() ? String(percent).replace('.', ',') : String(percent);
  return `${shown}${fr() ? ' %' : '%'} (${runs})`;
}

/** What the button of outcome `n` says to a screen reader (its visible text, `Open`, comes first). */
export const openLabel = (n: number): string =>
  fr() ? `Ouvrir l’issue ${n} sur la chronologie` : `Open outcome ${n} on the timeline`;

/** The runs done so far, out of the budget. */
export const progressText = (done: number, maxRuns: number): string =>
  fr() ? `${done} exécutions sur ${maxRuns} au plus` : `${done} of at most ${maxRuns} runs`;

/** How the exploration ended: every run enumerated, the budget spent, or stopped by the learner. */
export function endText(
  end: 'exhausted' | 'cut' | 'stopped',
  { runs, played, pruned }: { runs: number; played: number; pruned: number },
): string {
  const cut = pruned
    ? fr()
      ? ` (${played} jouées, ${pruned} coupées à un état déjà vu)`
      : ` (${played} played, ${pruned} cut at a state met before)`
    : '';
  if (end === 'exhausted')
    return fr()
      ? `${runs} exécutions${cut} : épuisé, toutes les exécutions ont été énumérées.`
      : `${runs} runs${cut}: exhausted, every run was enumerated.`;
  if (end === 'cut')
    return fr()
      ? `${runs} exécutions${cut} : coupé à la limite d’exécutions ; d’autres issues peuvent exister.`
      : `${runs} runs${cut}: cut at the run limit; other outcomes may exist.`;
  return fr()
    ? `${runs} exécutions${cut} : arrêté ; d’autres issues peuvent exister.`
    : `${runs} runs${cut}: stopped; other outcomes may exist.`;
}

/** The label of an outcome opened on the timeline. */
export const openedName = (scenario: string, n: number): string =>
  fr() ? `${scenario} · issue ${n}` : `${scenario} · outcome ${n}`;
