// A daemon that never answered: the run did not start, nothing to clean up, exit 2 (no real daemon needed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const socket = join(mkdtempSync(join(tmpdir(), 'swarmlab-no-daemon-')), 'docker.sock');
const SCENARIO = 'scenarios/course/1a-update-image.yaml';
const NOT_STARTED = 'swarmlab: the run did not start, nothing was created: ';

describe('a Docker daemon that never answered', () => {
  it("run --backend swarm --host unix://MISSING: Docker's words, no clean-up commands, exit 2", () => {
    expect(runCli('run', SCENARIO, '--backend', 'swarm', '--host', `unix://${socket}`)).toEqual({
      code: 2,
      out: '',
      err: `${NOT_STARTED}Cannot connect to the Docker daemon at unix://${socket}. Is the docker daemon running? (ENOENT)\n`,
    });
  }, 60_000);

  it('conform with the same missing socket', () => {
    expect(runCli('conform', SCENARIO, '--host', `unix://${socket}`)).toEqual({
      code: 2,
      out: '',
      err: `${NOT_STARTED}Cannot connect to the Docker daemon at unix://${socket}. Is the docker daemon running? (ENOENT)\n`,
    });
  }, 60_000);

  it('SWARMLAB_API_TIMEOUT=abc: said before any request, exit 2', () => {
    const before = process.env.SWARMLAB_API_TIMEOUT;
    process.env.SWARMLAB_API_TIMEOUT = 'abc';
    try {
      expect(runCli('run', SCENARIO, '--backend', 'swarm', '--host', `unix://${socket}`)).toEqual({
        code: 2,
        out: '',
        err: `${NOT_STARTED}SWARMLAB_API_TIMEOUT=abc: time: invalid duration "abc" (expected a Go duration such as 30s)\n`,
      });
    } finally {
      if (before === undefined) delete process.env.SWARMLAB_API_TIMEOUT;
      else process.env.SWARMLAB_API_TIMEOUT = before;
    }
  }, 60_000);
});
