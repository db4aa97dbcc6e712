// Runs the `swarmlab` command line in-process, as a pipe would see it: exit code, stdout and stderr.
import { main } from './main.js';

export function runCli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stdoutIsTty: false,
  });
  return { code, out, err };
}
