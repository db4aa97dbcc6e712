// What `swarmlab run` / `exec` print: the terminal transcript of a run, unmet expectations.
import type { StepOutput } from '../scenario/run.js';

/** `$ command` (continuation lines as `> `), then what it printed; a wait shows only when it timed out. */
export function formatTranscript(outputs: readonly StepOutput[]): string {
  let text = '';
  for (const output of outputs) {
    if (output.kind === 'command') {
      text += `${output.command
        .split('\n')
        .map((line, i) => (i === 0 ? `$ ${line}` : `> ${line}`))
        .join('\n')}\n`;
    }
    text += withNewline(output.stdout) + withNewline(output.stderr);
  }
  return text;
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

export function formatHeader(file: string, name: string, seed: number): string {
  return `# ${file}: ${name} (seed ${seed})\n`;
}

export function formatUnmet(file: string, unmet: readonly string[]): string {
  const count = unmet.length === 1 ? '1 expectation' : `${unmet.length} expectations`;
  return `swarmlab: ${file}: ${count} not met:\n${unmet.map((line) => `  - ${line}\n`).join('')}`;
}

/** Waits that did not reach their state (`wait settled timed out after 1h0m0s`): a run with one is not a success. */
export function formatFailedWaits(file: string, waits: readonly StepOutput[]): string {
  const count = waits.length === 1 ? '1 wait' : `${waits.length} waits`;
  const lines = waits.map((wait) => `  - ${wait.stderr.trim().replace(/^swarmlab: /, '')}\n`).join('');
  return `swarmlab: ${file}: ${count} did not reach what ${waits.length === 1 ? 'it' : 'they'} waited for:\n${lines}`;
}

export function formatStoppedEarly(file: string, untilText: string): string {
  return `swarmlab: ${file}: stopped at ${untilText} (--until); expectations not checked\n`;
}

/** The trace limit stopped the run: said on stderr even when the transcript went to a file or `--json` replaced it. */
export function formatTruncated(file: string, message: string): string {
  return `${message.replace(/^swarmlab: /, `swarmlab: ${file}: `)}; expectations not checked\n`;
}

/** A swarm run that never started: nothing was created, so no clean-up to tell. */
export function formatNotStarted(message: string): string {
  return `swarmlab: the run did not start, nothing was created: ${message}\n`;
}

export function formatInternalError(message: string, replay: string): string {
  return `swarmlab: internal error: ${message}\nswarmlab: replay with: ${replay}\n`;
}
