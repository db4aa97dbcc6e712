// The errors users see as messages, never as stack traces: a daemon's answer, a bad input file, a trace at its limit.
import { type InputLang, type InputText, renderInput } from './input-messages.js';

/** An error the daemon returns: the CLI prints `Error response from daemon: <message>` and exits 1. */
export class DaemonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DaemonError';
  }
}

/** Where a scenario item came from, for error messages: `file:line`. */
export interface SourceRef {
  file: string;
  line: number;
}

const positioned = (message: string, at?: SourceRef) => (at ? `${at.file}:${at.line}: ${message}` : message);

/**
 * A bad scenario, compose or trace file: the message names the file, the line and the key. A loader's error is a
 * keyed text (src/input-messages.ts): `message` is its English, `inLang` the page's language.
 */
export class InputError extends Error {
  readonly text: InputText | undefined;

  constructor(
    message: string | InputText,
    readonly at?: SourceRef,
  ) {
    super(positioned(typeof message === 'string' ? message : renderInput(message, 'en'), at));
    this.name = 'InputError';
    this.text = typeof message === 'string' ? undefined : message;
  }

  /** The message in `lang` with its `file:line` (an error given as plain text stays as written). */
  inLang(lang: InputLang): string {
    return this.text ? positioned(renderInput(this.text, lang), this.at) : this.message;
  }
}

/** A run whose trace reached its event limit (a crash loop with no restart delay): the run stops at this instant. */
export class TraceLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly atMs: number,
  ) {
    super(`the trace reached its limit of ${limit} events at ${atMs} ms of virtual time`);
    this.name = 'TraceLimitError';
  }
}
