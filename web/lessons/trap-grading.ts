// Grades a misconception drill: each prediction against the fact read from the trace (or, for an explanation-only
// drill, the documented outcome).
import type { Trace } from '../../src/browser.js';
import { dockerCommands, factOf } from './trap-facts.js';
import type { Drill } from './trap-types.js';

export interface Grade {
  questionId: string;
  predicted: string | null;
  /** What happened (or what Docker documents); null while the trace has not reached the question's phase. */
  actual: string | null;
  correct: boolean;
}

/** Whether the trace holds every watched phase's command (the drill has been played), or it needs no trace. */
export function drillPlayed(drill: Drill, trace: Trace | null): boolean {
  if (drill.documented) return true;
  if (!trace) return false;
  const lastStart = drill.phases.at(-1) ?? 0;
  return dockerCommands(trace).length > lastStart;
}

export function gradeDrill(drill: Drill, trace: Trace | null, answers: Readonly<Record<string, string>>): Grade[] {
  return drill.questions.map((question) => {
    const actual = drill.documented
      ? (drill.documented.answers[question.id] ?? null)
      : trace
        ? factOf(trace, drill.phases, question)
        : null;
    const predicted = answers[question.id] ?? null;
    return { questionId: question.id, predicted, actual, correct: actual !== null && predicted === actual };
  });
}

/** Correct predictions out of the questions. */
export const score = (grades: readonly Grade[]): { right: number; total: number } => ({
  right: grades.filter((g) => g.correct).length,
  total: grades.length,
});

/** A drill lesson's goal: the replay cursor has passed the last watched command (the learner watched it all). */
export const watchedPast =
  (lastStart: number) =>
  (input: { events: readonly { type: string; text?: string }[] }): boolean =>
    input.events.filter((ev) => ev.type === 'command' && ev.text?.startsWith('docker ')).length > lastStart;
