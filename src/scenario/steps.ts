// Scenario steps from text: a typed command, or a `wait: converged|settled|DURATION` line.
import { DEFAULT_WAIT_LIMIT_MS, NS_PER_MS } from '../defaults.js';
import { formatGoDuration, parseGoDuration } from '../duration.js';
import type { SourceRef } from '../errors.js';
import { type InputText, inputText } from '../input-messages.js';
import type { ScenarioStep } from './types.js';

export type WaitTarget =
  | { until: 'converged' | 'settled'; service?: string }
  | { until: 'duration'; durationMs: number };

/** `converged`, `settled`, `converged web` or a Go duration (`30s`); null when it is none of these. */
export function parseWaitTarget(text: string): WaitTarget | null {
  const [what, service, ...rest] = text.trim().split(/\s+/);
  if (rest.length > 0 || !what) return null;
  if (what === 'converged') return service ? { until: 'converged', service } : { until: 'converged' };
  if (service !== undefined) return null;
  if (what === 'settled') return { until: 'settled' };
  try {
    const nanos = parseGoDuration(what);
    return nanos >= 0 ? { until: 'duration', durationMs: nanos / NS_PER_MS } : null;
  } catch {
    return null;
  }
}

/**
 * `wait: DURATION` longer than the sandbox's limit on one wait (the one `converged` and `settled` have): the message,
 * else null.
 */
export function waitLimitError(target: WaitTarget, text: string, prefixed = false): InputText | null {
  if (target.until !== 'duration' || target.durationMs <= DEFAULT_WAIT_LIMIT_MS) return null;
  const params = { duration: text.trim(), limit: formatGoDuration(DEFAULT_WAIT_LIMIT_MS * NS_PER_MS) };
  return inputText(prefixed ? 'step.waitTooLong' : 'wait.tooLong', params);
}

/** A line `wait: ...` (as `swarmlab exec` arguments may say) as a wait step; anything else is a command. */
export function stepFromText(text: string, at: SourceRef): ScenarioStep | { error: InputText } {
  const match = /^\s*wait\s*:\s*(.*)$/s.exec(text);
  if (!match) return { kind: 'command', text: text.trim(), at };
  const target = parseWaitTarget(match[1]);
  if (!target) return { error: inputText('step.badWait', { got: JSON.stringify(text.trim()) }) };
  const tooLong = waitLimitError(target, match[1], true);
  if (tooLong) return { error: tooLong };
  return { kind: 'wait', ...target, at };
}

/** How a wait step reads in output and errors: `wait converged`, `wait converged web`, `wait 30s`. */
export function describeWait(
  step: Extract<ScenarioStep, { kind: 'wait' }>,
  durationText: (ms: number) => string,
): string {
  if (step.until === 'duration') return `wait ${durationText(step.durationMs)}`;
  return step.until === 'converged' && step.service ? `wait converged ${step.service}` : `wait ${step.until}`;
}
