// Test helpers for the web session: its typed lines as the scenario steps that runScenario plays to the same trace.
import { stepFromText } from '../../src/scenario/steps.js';
import type { ScenarioStep } from '../../src/scenario/types.js';
import type { Session } from '../../web/session/session.js';

/** The session as a scenario: each line after a wait for the time it was typed, then `wait: settled`. */
export function asScenarioSteps(session: Session): ScenarioStep[] {
  const texts: string[] = [];
  let returnedMs = 0;
  session.steps.forEach((step, index) => {
    if (step.atMs > returnedMs) texts.push(`wait: ${step.atMs - returnedMs}ms`);
    texts.push(step.text);
    returnedMs = session.returnsMs[index];
  });
  texts.push('wait: settled');
  return texts.map((text, index) => stepFromText(text, { file: '<test>', line: index + 1 }) as ScenarioStep);
}
