// What one typed command prints and returns.
/** What one typed command prints and returns, as a shell would see it. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}
