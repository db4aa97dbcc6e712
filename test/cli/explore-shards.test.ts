// `swarmlab explore --jobs N`, `--shard K/N` and `--merge`: the same report as one run, byte for byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { main } from '../helpers/main.js';

const FILE = 'test/fixtures/explore/node-down.yaml';
/** Broken in some runs: the JSON has violations to join too. */
const REQUIRE = ['--require', 'min-available>=3', 'bad-tasks<=2'];
const dir = mkdtempSync(join(tmpdir(), 'swarmlab-shards-'));

describe('explore shards and jobs', () => {
  const whole = runCli('explore', FILE, '--json', ...REQUIRE);

  it('the merge of 3 shards is the unsharded JSON, byte for byte', () => {
    expect(whole.code).toBe(1);
    const json = JSON.parse(whole.out);
    expect([json.exhausted, json.runs, json.outcomes.length, json.violations.length]).toEqual([true, 15, 3, 2]);
    for (const k of [1, 2, 3]) {
      const shard = runCli('explore', FILE, '--json', ...REQUIRE, '--shard', `${k}/3`);
      const parsed = JSON.parse(shard.out);
      // A shard alone is not the whole space; its parts are those whose index is k-1 modulo 3.
      expect(parsed.exhausted).toBe(false);
      expect(parsed.shard.results.map((part: { index: number }) => part.index % 3)).toEqual(
        parsed.shard.results.map(() => k - 1),
      );
      writeFileSync(join(dir, `shard-${k}.json`), shard.out);
    }
    const merged = runCli('explore', '--merge', dir, '--json');
    expect(merged.code).toBe(1);
    expect(merged.out).toBe(whole.out);
    const byFiles = runCli('explore', '--json', '--merge', ...[3, 1, 2].map((k) => join(dir, `shard-${k}.json`)));
    expect(byFiles.out).toBe(whole.out);
  });

  it('--jobs 2 (worker threads) prints the same JSON as one thread', () => {
    const jobs = runCli('explore', FILE, '--json', ...REQUIRE, '--jobs', '2');
    expect(jobs).toEqual(whole);
    // The workers inject the same faults at the same boundaries.
    const faults = ['explore', 'test/fixtures/explore/faults.yaml', '--json', '--faults', 'kill'];
    const single = runCli(...faults);
    expect(JSON.parse(single.out)).toMatchObject({ exhausted: true, runs: 66 });
    expect(runCli(...faults, '--jobs', '2')).toEqual(single);
  });

  it('parts that mirror earlier ones (slot symmetry) join the same way in shards and worker threads', () => {
    // 3 replicas on one node: the parts that differ only by the order the slots are updated in mirror the first.
    const file = join(dir, 'three-on-one.yaml');
    writeFileSync(
      file,
      [
        'name: three-on-one',
        'seed: 3',
        'cluster: {nodes: 1}',
        'images:',
        '  app:v2: {one_of: [healthy, {exit: 1, after: 2s}]}',
        'steps:',
        '  - docker service create -d --name web --replicas 3 app:v1',
        '  - wait: converged',
        '  - docker service update -d --update-failure-action rollback --image app:v2 web',
        '  - wait: settled',
        '',
      ].join('\n'),
    );
    const one = runCli('explore', file, '--json', ...REQUIRE);
    const json = JSON.parse(one.out);
    expect([json.exhausted, json.runs, json.states]).toEqual([true, 600, 118]);
    const { states: _, ...all } = JSON.parse(runCli('explore', file, '--json', ...REQUIRE, '--no-symmetry').out);
    expect({ ...all, states: json.states }).toEqual(json);
    expect(runCli('explore', file, '--json', ...REQUIRE, '--jobs', '2')).toEqual(one);
    const shards = mkdtempSync(join(dir, 'mirrors-'));
    for (const k of [1, 2])
      writeFileSync(join(shards, `${k}.json`), runCli('explore', file, '--json', ...REQUIRE, '--shard', `${k}/2`).out);
    expect(runCli('explore', '--merge', shards, '--json').out).toBe(one.out);
  });

  it('draws a bar of the parts done on a terminal (stderr), and erases it before the report', () => {
    let drawn = '';
    const stream = { isTTY: true, write: (text: string) => (drawn += text) > '' } as unknown as NodeJS.WriteStream;
    let out = '';
    const code = main(['explore', FILE, '--json', '--jobs', '2'], {
      out: (text) => (out += text),
      err: () => {},
      stdoutIsTty: false,
      progressStream: stream,
    });
    expect(code).toBe(0);
    const frames = drawn.split('\r\x1b[2K').filter(Boolean);
    // 15 runs in all: the frontier of 16 parts stops at the 15 whole runs.
    expect(frames).toHaveLength(15);
    expect(frames[0]).toMatch(/^swarmlab explore: \[##\.{28}\] 1\/15 parts, \d+ runs$/);
    expect(frames[14]).toMatch(/^swarmlab explore: \[#{30}\] 15\/15 parts, 15 runs$/);
    expect(drawn.endsWith('\r\x1b[2K')).toBe(true);
    expect(JSON.parse(out).runs).toBe(15);
  });

  it('refuses an incomplete or mixed set of shards, and a shard without --json', () => {
    expect(runCli('explore', '--merge', join(dir, 'shard-1.json'), join(dir, 'shard-3.json'))).toMatchObject({
      code: 2,
      err: 'swarmlab explore --merge: missing shard 2/3\n',
    });
    expect(runCli('explore', '--merge', join(dir, 'shard-1.json'), join(dir, 'shard-1.json'))).toMatchObject({
      code: 2,
      err: `${join(dir, 'shard-1.json')}: shard 1/3 is also in ${join(dir, 'shard-1.json')}\n`,
    });
    const other = join(dir, 'other.json');
    writeFileSync(other, runCli('explore', FILE, '--json', '--shard', '2/3').out);
    expect(runCli('explore', '--merge', join(dir, 'shard-1.json'), other)).toMatchObject({
      code: 2,
      err:
        `${other}: not a shard of the same exploration as ${join(dir, 'shard-1.json')} (other file, options or ` +
        `shard count)\n`,
    });
    expect(runCli('explore', FILE, '--shard', '1/2')).toMatchObject({
      code: 2,
      err: 'swarmlab explore --shard: a shard is JSON for --merge; add --json\n',
    });
    expect(runCli('explore', FILE, '--shard', '3/2').err).toBe(
      `error: option '--shard <k/n>' argument '3/2' is invalid. --shard takes k/n with 1 <= k <= n (shard k of n); ` +
        `got "3/2".\n(run swarmlab --help for usage)\n`,
    );
    expect(runCli('explore')).toMatchObject({
      code: 2,
      err: 'swarmlab explore: a scenario file is needed (or --merge DIR...)\n',
    });
  });
});
