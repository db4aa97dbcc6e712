// Counter-examples the command fuzzer found, kept with their exact expected answers.
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/execute.js';
import { cluster, converge, engine, spec } from '../../helpers/engine.js';
import { dockerResultProblem } from '../clear-message.js';

const OPTS = { tty: false, files: {}, followLimitMs: 20_000 };

function run(line: string) {
  const e = engine(1, cluster({ nodeCount: 2 }));
  converge(e, spec('web', 'app:v1', 2));
  return { e, result: executeCommand(e, line, OPTS) };
}

describe('command fuzzer regressions', () => {
  it('`docker service -` is an unknown subcommand (it used to recurse until the stack overflowed)', () => {
    expect(run('docker service -').result).toEqual({
      stdout: '',
      stderr:
        "docker: unknown command: docker service -\n\nUsage:  docker service\n\nRun 'docker service --help' for more " +
        'information\n',
      exitCode: 1,
    });
    expect(run('docker node -- -x').result.stderr.split('\n')[0]).toBe('docker: unknown command: docker node -x');
  });

  it('refuses more replicas than the sandbox can hold (`scale web=99999999` used to exhaust memory)', () => {
    const { e, result } = run('docker service scale web=99999999');
    expect(result).toEqual({
      stdout: '',
      stderr: 'web: Error response from daemon: swarmlab: at most 100000 replicas per service are simulated\n',
      exitCode: 1,
    });
    expect(e.state().services[0].Spec.Mode.Replicated?.Replicas).toBe(2);
    expect(run('docker service update -d --replicas 100001 web').result.stderr).toBe(
      'Error response from daemon: swarmlab: at most 100000 replicas per service are simulated\n',
    );
  });
});

describe("the fuzzers' own yardstick (a check that cannot fail would prove nothing)", () => {
  it("flags leaks, stack traces, a 125 without pflag's words and a silent failure; accepts Docker's answers", () => {
    const usage =
      "\n\nUsage:  docker service update [OPTIONS] SERVICE\n\nRun 'docker service update --help' for more " +
      'information\n';
    expect(dockerResultProblem('docker x', { stdout: '', stderr: 'service undefined not found\n', exitCode: 1 })).toBe(
      'leaks "undefined"',
    );
    expect(dockerResultProblem('docker x', { stdout: '[object Object]', stderr: '', exitCode: 0 })).toBe(
      'leaks "[object Object]"',
    );
    expect(
      dockerResultProblem('docker x', { stdout: '', stderr: 'Error: x\n    at run (/src/a.ts:1:2)\n', exitCode: 1 }),
    ).toMatch(/^leaks/);
    expect(dockerResultProblem('docker x', { stdout: '', stderr: 'oops\n', exitCode: 125 })).toMatch(
      /^exit 125 without a pflag message/,
    );
    expect(dockerResultProblem('docker x', { stdout: '', stderr: '', exitCode: 1 })).toBe(
      'exit 1 with nothing on stderr',
    );
    expect(
      dockerResultProblem('docker service inspect undefined', {
        stdout: '',
        stderr: 'no such service: undefined\n',
        exitCode: 1,
      }),
    ).toBeNull();
    expect(
      dockerResultProblem('docker x', { stdout: '', stderr: `unknown flag: --bogus${usage}`, exitCode: 125 }),
    ).toBeNull();
  });
});
