// The progress line: only on a terminal, only once a run has taken more than a second of wall time.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';
import { main } from '../helpers/main.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    write: (text: string) => {
      written.push(text);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

const tick = (line: ReturnType<typeof createProgressLine>, times: number, nowMs: number) => {
  for (let i = 0; i < times; i++) line.update({ nowMs, step: 3, steps: 7 });
};

describe('createProgressLine', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('draws the virtual time and step after a second of wall time, then erases itself', () => {
    let wallMs = 1_000;
    vi.spyOn(performance, 'now').mockImplementation(() => wallMs);
    const { stream, written } = fakeStream(true);
    const line = createProgressLine(stream, 'swarmlab: x.yaml');
    tick(line, 300, 5_000);
    expect(written).toEqual([]);
    wallMs = 2_500;
    tick(line, 256, 83_400);
    expect(written).toEqual(['\r\x1b[2Kswarmlab: x.yaml: t=1m23.4s, step 3/7']);
    line.done();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('draws nothing when the stream is not a terminal', () => {
    let wallMs = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (wallMs += 10_000));
    const { stream, written } = fakeStream(false);
    const line = createProgressLine(stream, 'swarmlab: x.yaml');
    tick(line, 1_000, 1_000);
    line.done();
    expect(written).toEqual([]);
  });
});

describe('progress on a real swarm (wall time: drawn at once, every poll)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('realTime: the first update draws without waiting a second, say() draws a phase', () => {
    let wallMs = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => wallMs);
    const { stream, written } = fakeStream(true);
    const line = createProgressLine(stream, 'swarmlab: x.yaml on the swarm', { realTime: true });
    line.say('building images');
    wallMs = 150;
    line.update({ nowMs: 2_000, step: 1, steps: 4 });
    wallMs = 200; // within 100 ms of the last draw: not redrawn
    line.update({ nowMs: 2_050, step: 1, steps: 4 });
    wallMs = 400;
    line.update({ nowMs: 2_250, step: 2, steps: 4 });
    line.done();
    expect(written).toEqual([
      '\r\x1b[2Kswarmlab: x.yaml on the swarm: building images',
      '\r\x1b[2Kswarmlab: x.yaml on the swarm: t=2s, step 1/4',
      '\r\x1b[2Kswarmlab: x.yaml on the swarm: t=2.25s, step 2/4',
      '\r\x1b[2K',
    ]);
  });

  const socket = join(mkdtempSync(join(tmpdir(), 'swarmlab-progress-')), 'docker.sock');
  const SCENARIO = 'scenarios/course/1a-update-image.yaml';
  const cli = (stream: NodeJS.WriteStream, ...argv: string[]) => {
    let err = '';
    const code = main(argv, { out: () => {}, err: (t) => (err += t), stdoutIsTty: false, progressStream: stream });
    return { code, err };
  };
  const FAILED =
    'swarmlab: the run did not start, nothing was created: Cannot connect to the Docker daemon at ' +
    `unix://${socket}. Is the docker daemon running?\n`;

  it('run --backend swarm on a terminal says what it does before the first step, erases it before the error', () => {
    const { stream, written } = fakeStream(true);
    expect(cli(stream, 'run', SCENARIO, '--backend', 'swarm', '--host', `unix://${socket}`)).toEqual({
      code: 2,
      err: FAILED,
    });
    expect(written).toEqual([
      `\r\x1b[2Kswarmlab: ${SCENARIO} on the swarm: connecting to the Docker daemon, building the run's images`,
      '\r\x1b[2K',
    ]);
  }, 60_000);

  it('conform on a terminal: the same; nothing at all when stderr is not a terminal', () => {
    const tty = fakeStream(true);
    expect(cli(tty.stream, 'conform', SCENARIO, '--host', `unix://${socket}`)).toEqual({ code: 2, err: FAILED });
    expect(tty.written).toEqual([
      `\r\x1b[2Kswarmlab: conform ${SCENARIO}: connecting to the Docker daemon, building the run's images`,
      '\r\x1b[2K',
    ]);
    const pipe = fakeStream(false);
    expect(cli(pipe.stream, 'conform', SCENARIO, '--host', `unix://${socket}`)).toEqual({ code: 2, err: FAILED });
    expect(pipe.written).toEqual([]);
  }, 60_000);
});
