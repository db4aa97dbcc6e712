// Why a lesson's goal was missed, read from the trace at the cursor: a command typed outside the window it had to run
// in.
import type { Millis, TraceEvent } from '../../src/browser.js';
import type { Text } from '../i18n/messages.js';
import type { GoalInput } from './goals.js';

type Ev<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/** A goal of the kind "run `command` while the update status is one of `states`". */
interface CommandWindowGoal {
  pattern: RegExp;
  command: string;
  states: readonly string[];
}

/** The lessons whose goal is a command typed inside an update-status window. */
const WINDOW_GOALS: Record<string, CommandWindowGoal> = {
  '1c': { pattern: /^docker\s+service\s+ps\b/, command: 'docker service ps', states: ['updating'] },
};

const seconds = (ms: Millis) => `${(ms / 1000).toFixed(1)} s`;

/** The spans of time during which the update status was one of `states` (the last one open until the cursor). */
function windows(events: readonly TraceEvent[], states: readonly string[], untilMs: Millis): [Millis, Millis][] {
  const spans: [Millis, Millis][] = [];
  let openedMs: Millis | null = null;
  for (const ev of events) {
    if (ev.type !== 'update_status') continue;
    const inside = ev.state !== null && states.includes(ev.state);
    if (inside && openedMs === null) openedMs = ev.t_ms;
    else if (!inside && openedMs !== null) {
      spans.push([openedMs, ev.t_ms]);
      openedMs = null;
    }
  }
  if (openedMs !== null) spans.push([openedMs, untilMs]);
  return spans;
}

/**
 * Why the goal of `lessonId` is not met at the cursor, when the trace says: the command ran, but before or after the
 * window it had to run in. Null when there is nothing to explain (the command was not typed yet).
 */
export function missedReason(lessonId: string, input: GoalInput): Text | null {
  const goal = WINDOW_GOALS[lessonId];
  if (!goal) return null;
  const typed = input.events.filter(
    (ev): ev is Ev<'command'> => ev.type === 'command' && goal.pattern.test(ev.text) && ev.exitCode === 0,
  );
  const last = typed.at(-1);
  if (!last) return null;
  const spans = windows(input.events, goal.states, input.cursorMs);
  const state = goal.states.join(' / ');
  if (spans.length === 0) {
    return {
      fr:
        `${goal.command} a tourné à ${seconds(last.t_ms)}, mais aucune mise à jour n’était « ${state} » jusque-là. ` +
        `Lancez d’abord la mise à jour avec -d (elle rend la main tout de suite), puis tapez ${goal.command} pendant ` +
        'qu’elle tourne.',
      en:
        `${goal.command} ran at ${seconds(last.t_ms)}, but no update was “${state}” until then. First start the ` +
        `update with -d (it returns at once), then type ${goal.command} while it runs.`,
    };
  }
  const [fromMs, toMs] = spans.at(-1)!;
  const when =
    last.t_ms < fromMs ? { fr: 'avant le début', en: 'before the start' } : { fr: 'après la fin', en: 'after the end' };
  return {
    fr:
      `${goal.command} a tourné à ${seconds(last.t_ms)}, ${when.fr} de la mise à jour : elle n’était « ${state} » ` +
      `que de ${seconds(fromMs)} à ${seconds(toMs)}. Ramenez le curseur dans cet intervalle et ` +
      `retapez ${goal.command} (une commande s’exécute à l’instant du curseur).`,
    en:
      `${goal.command} ran at ${seconds(last.t_ms)}, ${when.en} of the update: it was “${state}” only ` +
      `from ${seconds(fromMs)} to ${seconds(toMs)}. Bring the cursor back into that span and type ${goal.command} ` +
      'again (a command runs at the cursor’s time).',
  };
}
