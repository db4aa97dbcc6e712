// `swarmlab record` without a swarm: its usage, a daemon that is not there, an --out that cannot be written.
import { describe, expect, it } from 'vitest';
import { progressLine, runRecordCommand } from '../../src/cli/record.js';
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

  it("a daemon that is not there: the docker CLI's words, exit 2, nothing written", async () => {
    expect(await record('web', { host: 'unix:///nonexistent/docker.sock' })).toEqual({
      code: 2,
      out: '',
      err:
        'swarmlab record: the recording did not start, nothing was recorded: Cannot connect to the Docker daemon ' +
        'at unix:///nonexistent/docker.sock. Is the docker daemon running?\n',
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

describe('the progress line (on a terminal only)', () => {
  const progress = { elapsedMs: 12_345, service: 'web', running: 1, replicas: 2, events: 57 };
  const drawn = (isTTY: boolean) => {
    let text = '';
    const write = (chunk: string) => {
      text += chunk;
      return true;
    };
    const line = progressLine({ isTTY, write } as never);
    line.update({ ...progress, updateState: null, waiting: true });
    line.update({ ...progress, updateState: 'updating', waiting: false });
    line.done();
    return text;
  };

  it('redraws one line: time, UpdateStatus (or waiting), running replicas, events; erased at the end', () => {
    expect(drawn(true).split('\r\x1b[2K')).toEqual([
      '',
      'swarmlab record web: 12.3 s, waiting for a change, 1/2 running, 57 events (Ctrl-C stops and saves)',
      'swarmlab record web: 12.3 s, updating, 1/2 running, 57 events (Ctrl-C stops and saves)',
      '',
    ]);
  });

  it('nothing into a pipe', () => {
    expect(drawn(false)).toBe('');
  });
});
