// `swarmlab record` without a swarm: its usage, a daemon that is not there, an --out that cannot be written.
import { describe, expect, it } from 'vitest';
import { runRecordCommand } from '../../src/cli/record.js';
import { runCli } from '../helpers/cli.js';

async function record(service: string, options: { host?: string; out?: string }) {
  let out = '';
  let err = '';
  const code = await runRecordCommand(
    { kind: 'record', service, options },
    {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
    },
  );
  return { code, out, err };
}

describe('swarmlab record', () => {
  it('needs a service: usage error, exit 2', () => {
    const { code, err } = runCli('record');
    expect(code).toBe(2);
    expect(err).toContain("error: missing required argument 'service'");
  });

  it("a daemon that is not there: the docker CLI's words, exit 1, nothing written", async () => {
    expect(await record('web', { host: 'unix:///nonexistent/docker.sock' })).toEqual({
      code: 1,
      out: '',
      err: 'swarmlab record: Cannot connect to the Docker daemon at unix:///nonexistent/docker.sock. Is the docker daemon running? (ENOENT)\n',
    });
  });

  it('an --out in a directory that does not exist: exit 2 before connecting', async () => {
    expect(await record('web', { host: 'unix:///nonexistent/docker.sock', out: '/nonexistent/web.json' })).toEqual({
      code: 2,
      out: '',
      err: '--out /nonexistent/web.json: cannot write the file (no such directory: /nonexistent)\n',
    });
  });
});
