// Texts several course lessons show among Docker's differences: the task history, the monitor window, one step back.
import type { Text } from '../../i18n/messages.js';

export const HISTORY: Text = {
  fr:
    'docker service ps garde au plus 5 tâches d’historique par slot (--task-history-limit) : les plus anciennes ' +
    'disparaissent.',
  en: 'docker service ps keeps at most 5 tasks of history per slot (--task-history-limit): older ones disappear.',
};
export const MONITOR: Text = {
  fr:
    'La fenêtre de surveillance (--update-monitor) vaut 5 s par défaut ; un échec n’est compté que s’il survient ' +
    'avant sa fin.',
  en: 'The monitor window (--update-monitor) defaults to 5 s; a failure only counts if it happens before it ends.',
};

export const ONE_STEP: Text = {
  fr:
    'Le cours parle d’un historique des versions : Swarm ne garde qu’une version précédente (PreviousSpec). Un ' +
    'rollback revient d’un seul cran, un second rollback revient à la nouvelle version, et après un rollback ' +
    'automatique il n’y a plus de version précédente (voir le piège 6).',
  en:
    'The course speaks of a version history: Swarm keeps a single previous version (PreviousSpec). A rollback goes ' +
    'back one step, a second rollback returns to the new version, and after an automatic rollback there is no ' +
    'previous version left (see trap 6).',
};
