// The shapes of a misconception drill (the questions the learner answers before watching) and the option sets they
// share.

import type { Text } from '../i18n/messages.js';
import type { FactQuery, PhaseStarts } from './trap-facts.js';

export type { Text };

export interface Choice {
  value: string;
  label: Text;
}

/** One prediction: which fact of which phase, the question, its choices (values as the fact reads them). */
export interface Question extends FactQuery {
  id: string;
  prompt: Text;
  choices: Choice[];
}

export interface Drill {
  /**
   * Where each watched phase starts, among the scenario's `docker …` commands (0 = the first one, usually the create).
   */
  phases: PhaseStarts;
  questions: Question[];
  /** The rule the explanation names, and where it is written (swarmkit / docker file). */
  rule: Text;
  sources: string[];
  /**
   * An explanation-only drill: the outcome Docker documents, graded instead of a trace, and why it is not simulated.
   */
  documented?: { answers: Record<string, string>; why: Text };
}

export const STATUS_CHOICES: Choice[] = [
  { value: 'completed', label: { fr: 'completed (mise à jour terminée)', en: 'completed (update finished)' } },
  { value: 'paused', label: { fr: 'paused (en pause)', en: 'paused' } },
  {
    value: 'rollback_completed',
    label: { fr: 'rollback_completed (retour arrière fait)', en: 'rollback_completed (rolled back)' },
  },
  { value: 'updating', label: { fr: 'updating (toujours en cours)', en: 'updating (still in progress)' } },
  { value: 'none', label: { fr: 'aucun UpdateStatus', en: 'no UpdateStatus at all' } },
];

export const FAILURE_CHOICES: Choice[] = [
  { value: 'never', label: { fr: 'jamais : aucun échec n’est compté', en: 'never: no failure is counted' } },
  { value: 'lt5', label: { fr: 'moins de 5 s après le début', en: 'under 5 s after the start' } },
  { value: '5to15', label: { fr: 'entre 5 et 15 s', en: 'between 5 and 15 s' } },
  { value: '15to60', label: { fr: 'entre 15 et 60 s', en: 'between 15 and 60 s' } },
  { value: 'gt60', label: { fr: 'plus d’une minute', en: 'over a minute' } },
];

export const STARTING_CHOICES: Choice[] = [
  {
    value: 'lt2',
    label: { fr: 'moins de 2 s (le temps que le processus démarre)', en: 'under 2 s (until the process is up)' },
  },
  {
    value: '2to15',
    label: {
      fr: 'de 2 à 15 s (jusqu’au premier test de santé réussi)',
      en: '2 to 15 s (until the first healthy probe)',
    },
  },
  { value: 'gt15', label: { fr: 'plus de 15 s', en: 'over 15 s' } },
  { value: 'never', label: { fr: 'elle n’est jamais running', en: 'it is never running' } },
];

export const REFUSED_CHOICES: Choice[] = [
  { value: 'accepted', label: { fr: 'acceptée (code de sortie 0)', en: 'accepted (exit code 0)' } },
  { value: 'refused', label: { fr: 'refusée par Docker (code de sortie 1)', en: 'refused by Docker (exit code 1)' } },
];

/** Choices that are the values themselves (replica counts, image names). */
export const plainChoices = (...values: string[]): Choice[] =>
  values.map((value) => ({ value, label: { fr: value, en: value } }));

export const MIXED: Choice = { value: 'mixed', label: { fr: 'un mélange des deux', en: 'a mix of both' } };
