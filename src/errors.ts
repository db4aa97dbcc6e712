// The two errors users see as messages, never as stack traces: a daemon's answer and a bad input file.
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
