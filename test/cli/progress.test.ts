// The progress line: only on a terminal, only once a run has taken more than a second of wall time.
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressLine } from '../../src/cli/progress.js';

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
