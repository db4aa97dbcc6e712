// The errors users see as messages, never as stack traces: a daemon's answer, a bad input file, a trace at its limit.
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

/** A bad scenario, compose or trace file: the message names the file, the line and the key. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly at?: SourceRef,
  ) {
    super(at ? `${at.file}:${at.line}: ${message}` : message);
    this.name = 'InputError';
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
