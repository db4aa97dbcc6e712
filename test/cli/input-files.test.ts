// Input files the CLI reads: special files refused before opening, sizes told before reading, text checked, inputs
// never overwritten.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inputs-'));
const at = (name: string) => join(dir, name);

function file(name: string, content: string | Buffer): string {
  writeFileSync(at(name), content);
  return at(name);
}

function fifo(name: string): string {
  execFileSync('mkfifo', [at(name)]);
  return at(name);
}

const run = runCli;

const SCENARIO = file(
  'ok.yaml',
  'name: ok\nsteps:\n  - docker service create -d --name web nginx\n  - wait: converged\n',
);
const COMPOSE = file('app.yml', 'services:\n  api:\n    image: api:1\n');
const PIPE = fifo('pipe.yaml');

/** A sparse file of `bytes` (no disk used): its size is what the reader must refuse before reading. */
function sparse(name: string, bytes: number): string {
  const path = file(name, '');
  truncateSync(path, bytes);
  return path;
}

describe('special files are refused before they are opened', () => {
  it('run /dev/zero: a character device', () => {
    expect(run('run', '/dev/zero')).toEqual({
      code: 2,
      out: '',
      err: '/dev/zero: cannot read the scenario file (it is a character device, not a regular file)\n',
    });
  });

  it('run FIFO: a named pipe, without waiting for a writer', () => {
    expect(run('run', PIPE)).toEqual({
      code: 2,
      out: '',
      err: `${PIPE}: cannot read the scenario file (it is a FIFO (named pipe), not a regular file)\n`,
    });
  });

  it('a directory', () => {
    expect(run('run', dir).err).toBe(`${dir}: cannot read the scenario file (it is a directory)\n`);
  });

  it('a compose file named by `compose:` that is a FIFO', () => {
    const scenario = file('pipe-ref.yaml', 'compose: pipe.yaml\nsteps: [docker service ls]\n');
    expect(run('run', scenario)).toEqual({
      code: 2,
      out: '',
      err: `${scenario}:1: compose: cannot read "pipe.yaml": it is a FIFO (named pipe), not a regular file\n`,
    });
  });

  it('lint, explore and export: the same reader (they read whole files before)', () => {
    const device = 'it is a character device, not a regular file';
    const pipe = 'it is a FIFO (named pipe), not a regular file';
    expect(run('lint', '/dev/zero').err).toBe(`/dev/zero: cannot read the file (${device})\n`);
    expect(run('lint', PIPE).err).toBe(`${PIPE}: cannot read the file (${pipe})\n`);
    expect(run('explore', '/dev/zero').err).toBe(`/dev/zero: cannot read the scenario file (${device})\n`);
    expect(run('explore', PIPE).err).toBe(`${PIPE}: cannot read the scenario file (${pipe})\n`);
    expect(run('export', '/dev/zero', '--to', 'perfetto')).toEqual({
      code: 2,
      out: '',
      err: `/dev/zero: cannot read the file (${device})\n`,
    });
    expect(run('export', PIPE, '--to', 'perfetto').err).toBe(`${PIPE}: cannot read the file (${pipe})\n`);
    const big = sparse('big-export.json', 30_000_000);
    expect(run('export', big, '--to', 'perfetto').err).toBe(
      `${big}: cannot read the file (it is 30 MB; a file is read up to 25 MB)\n`,
    );
  });

  it('export refuses a file holding two traces, as compare does (it read the first one silently)', () => {
    const one = run('exec', 'docker service create -d --name w nginx', '--json').out;
    const two = file('two-traces.json', `[${one},${one}]`);
    expect(run('export', two, '--to', 'perfetto')).toEqual({
      code: 2,
      out: '',
      err: `${two}: holds 2 traces (swarmlab run --json of several files); export takes one trace per file\n`,
    });
  });

  it('compare, check and conform refuse a FIFO or a device with exit 2', () => {
    expect(run('compare', PIPE, '/dev/zero')).toEqual({
      code: 2,
      out: '',
      err: `swarmlab: ${PIPE}: cannot read the trace (it is a FIFO (named pipe), not a regular file)\n`,
    });
    expect(run('compare', '/dev/zero', PIPE).err).toBe(
      'swarmlab: /dev/zero: cannot read the trace (it is a character device, not a regular file)\n',
    );
    expect(run('check', PIPE)).toEqual({
      code: 2,
      out: '',
      err: `${PIPE}: cannot read the stack file (it is a FIFO (named pipe), not a regular file)\n`,
    });
    expect(run('conform', '/dev/zero')).toEqual({
      code: 2,
      out: '',
      err: 'swarmlab: /dev/zero: cannot read the scenario file (it is a character device, not a regular file)\n',
    });
  });
});

describe('exec reads compose files only for docker stack deploy', () => {
  it('-c of a command that has no such flag is not read (a FIFO there does not hang)', () => {
    expect(run('exec', `docker service create -c ${PIPE} nginx`)).toEqual({
      code: 125,
      out:
        `$ docker service create -c ${PIPE} nginx\nunknown shorthand flag: 'c' in -c\n\nUsage:  docker service ` +
        `create [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker service create --help' for more information\n`,
      err: '',
    });
  });

  it('docker stack deploy -c FIFO or /dev/zero: exit 2 before anything runs', () => {
    expect(run('exec', `docker stack deploy -c ${PIPE} demo`)).toEqual({
      code: 2,
      out: '',
      err: `${PIPE}: cannot read the compose file (it is a FIFO (named pipe), not a regular file)\n`,
    });
    expect(run('exec', 'docker stack deploy --compose-file=/dev/zero demo').err).toBe(
      '/dev/zero: cannot read the compose file (it is a character device, not a regular file)\n',
    );
  });

  it('a missing compose file is still Docker’s answer', () => {
    const missing = at('missing.yml');
    expect(run('exec', `docker stack deploy -c ${missing} demo`)).toEqual({
      code: 1,
      out: `$ docker stack deploy -c ${missing} demo\nopen ${missing}: no such file or directory\n`,
      err: '',
    });
  });
});

describe('sizes are told before reading', () => {
  it('a 3 GB scenario, stack file or trace is refused by its size, without reading it', () => {
    const huge = sparse('huge.yaml', 3_000_000_000);
    expect(run('run', huge).err).toBe(
      `${huge}: cannot read the scenario file (it is 3 GB; a scenario file is read up to 1 MB)\n`,
    );
    expect(run('check', huge).err).toBe(
      `${huge}: cannot read the stack file (it is 3 GB; a stack file is read up to 1 MB)\n`,
    );
    const trace = sparse('huge.json', 3_000_000_000);
    expect(run('compare', trace, trace)).toEqual({
      code: 2,
      out: '',
      err: `swarmlab: ${trace}: cannot read the trace (it is 3 GB; a trace is read up to 25 MB)\n`,
    });
  });

  it('a scenario with a 2 MB description; a byte over the limit shows the bytes', () => {
    const big = file(
      'description.yaml',
      `name: big\ndescription: ${'x'.repeat(2_000_000)}\nsteps: [docker service ls]\n`,
    );
    expect(run('run', big)).toEqual({
      code: 2,
      out: '',
      err: `${big}: cannot read the scenario file (it is 2 MB; a scenario file is read up to 1 MB)\n`,
    });
    const justOver = file('just-over.yaml', `# ${'x'.repeat(1_000_000 - 3)}\n\n`);
    expect(run('run', justOver).err).toBe(
      `${justOver}: cannot read the scenario file (it is 1000001 bytes; a scenario file is read up to 1 MB)\n`,
    );
  });

  it('a compose file over the limit, named by `compose:`', () => {
    file('big.yml', `# ${'x'.repeat(1_500_000)}\n`);
    const scenario = file('big-ref.yaml', 'compose: big.yml\nsteps: [docker service ls]\n');
    expect(run('run', scenario).err).toBe(
      `${scenario}:1: compose: cannot read "big.yml": it is 1.5 MB; a compose file is read up to 1 MB\n`,
    );
  });
});

describe('files that are not UTF-8 text are named, never echoed', () => {
  it('binary (NUL bytes), UTF-16 and invalid UTF-8', () => {
    const binary = file('binary.yaml', Buffer.from([0x73, 0x74, 0x0a, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xff]));
    expect(run('run', binary)).toEqual({
      code: 2,
      out: '',
      err: `${binary}: cannot read the scenario file (it looks like a binary file (a NUL byte at line 2))\n`,
    });
    // Starting with a NUL byte beside a control byte: binary, not UTF-16 without its mark.
    const leadingNul = file('leading-nul.yaml', Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256)));
    expect(run('run', leadingNul).err).toBe(
      `${leadingNul}: cannot read the scenario file (it looks like a binary file (a NUL byte at line 1))\n`,
    );
    const utf16 = file('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('steps: []\n', 'utf16le')]));
    expect(run('run', utf16).err).toBe(
      `${utf16}: cannot read the scenario file (it is UTF-16 text; save it as UTF-8)\n`,
    );
    const noBom = file('utf16-nobom.yaml', Buffer.from('steps: []\n', 'utf16le'));
    expect(run('run', noBom).err).toBe(
      `${noBom}: cannot read the scenario file (it is UTF-16 text; save it as UTF-8)\n`,
    );
    const latin1 = file('latin1.yaml', Buffer.from('name: x\nsteps: []\ndescription: caf\xe9\n', 'latin1'));
    expect(run('run', latin1).err).toBe(
      `${latin1}: cannot read the scenario file (not a UTF-8 text file (an invalid byte at line 3))\n`,
    );
    expect(run('compare', latin1, latin1).err).toBe(
      `swarmlab: ${latin1}: cannot read the trace (not a UTF-8 text file (an invalid byte at line 3))\n`,
    );
  });
});

describe('deep YAML', () => {
  it('1,000 nested lists: said to be nested too deeply, not a stack overflow', () => {
    const deep = file('deep.yaml', `name: deep\nsteps: ${'['.repeat(1_000)}${']'.repeat(1_000)}\n`);
    expect(run('run', deep)).toEqual({
      code: 2,
      out: '',
      err:
        `${deep}:2: invalid YAML: lists or mappings nested too deeply (more than a few hundred levels inside each ` +
        `other)\n`,
    });
  });
});

describe('--out never overwrites an input', () => {
  it('run --out SCENARIO: refused, the scenario unchanged; also through a hard link', () => {
    const before = readFileSync(SCENARIO, 'utf8');
    expect(run('run', SCENARIO, '--out', SCENARIO)).toEqual({
      code: 2,
      out: '',
      err:
        `--out ${SCENARIO}: it is the input file ${SCENARIO}; swarmlab does not write over its inputs (choose ` +
        `another file)\n`,
    });
    const link = at('link.yaml');
    linkSync(SCENARIO, link);
    expect(run('run', SCENARIO, '--json', '--out', link).err).toBe(
      `--out ${link}: it is the input file ${SCENARIO}; swarmlab does not write over its inputs (choose another ` +
        `file)\n`,
    );
    expect(readFileSync(SCENARIO, 'utf8')).toBe(before);
  });

  it('run --out the compose file a scenario names; exec --out its -c file', () => {
    const scenario = file('uses-app.yaml', 'compose: app.yml\nsteps: [docker service ls]\n');
    expect(run('run', scenario, '--out', COMPOSE).err).toBe(
      `--out ${COMPOSE}: it is the input file ${join(dir, 'app.yml')}; swarmlab does not write over its inputs ` +
        `(choose another file)\n`,
    );
    expect(run('exec', `docker stack deploy -c ${COMPOSE} demo`, '--out', COMPOSE).err).toBe(
      `--out ${COMPOSE}: it is the input file ${COMPOSE}; swarmlab does not write over its inputs (choose another ` +
        `file)\n`,
    );
    expect(readFileSync(COMPOSE, 'utf8')).toBe('services:\n  api:\n    image: api:1\n');
  });

  it('--out into a missing directory is refused before running', () => {
    expect(run('run', SCENARIO, '--out', '/nonexistent-dir/out.txt')).toEqual({
      code: 2,
      out: '',
      err: '--out /nonexistent-dir/out.txt: cannot write the file (no such directory: /nonexistent-dir)\n',
    });
    expect(run('exec', 'docker node ls', '--out', dir).err).toBe(
      `--out ${dir}: cannot write the file (it is a directory)\n`,
    );
  });

  it('sweep --out /bad/dir fails before the grid runs (nothing on stdout)', () => {
    expect(run('sweep', '--out', '/nonexistent-dir/chart.svg')).toEqual({
      code: 2,
      out: '',
      err: '--out /nonexistent-dir/chart.svg: cannot write the file (no such directory: /nonexistent-dir)\n',
    });
  });
});

describe('compare takes one trace per file', () => {
  const trace = run('run', SCENARIO, '--json').out;

  it('an array of two traces (run --json of two files) is refused', () => {
    const two = file('two.json', run('run', SCENARIO, SCENARIO, '--json').out);
    const one = file('one.json', trace);
    expect(run('compare', one, two)).toEqual({
      code: 2,
      out: '',
      err:
        `swarmlab: ${two}: holds 2 traces (swarmlab run --json of several files); compare takes one trace per ` +
        `file\n`,
    });
    expect(run('compare', one, file('one-in-array.json', `[${trace}]`)).code).toBe(0);
  });

  it('two JSON documents one after the other are refused, naming the line the second begins', () => {
    const one = file('one.json', trace);
    const concatenated = file('concatenated.json', trace + trace);
    const lines = trace.split('\n').length;
    expect(run('compare', one, concatenated)).toEqual({
      code: 2,
      out: '',
      err:
        `swarmlab: ${concatenated}: holds more than one JSON document (another begins at line ${lines}); compare ` +
        `takes one trace per file\n`,
    });
  });
});

describe('check --replay-dir never overwrites the stack file', () => {
  it('a replay file that would land on the checked scenario is refused with exit 2', () => {
    // --seed 5 --runs 1 draws the case seed 2053816043: its replay file is rd-2053816043.yaml in --replay-dir.
    const scenario = file(
      'rd-2053816043.yaml',
      'name: rd\nsteps:\n  - docker service create -d --name web --replicas 2 app:v1\n  - wait: converged\n' +
        '  - docker service update -d --image app:v2 web\n  - wait: settled\n',
    );
    const before = readFileSync(scenario, 'utf8');
    expect(run('check', scenario, '--runs', '1', '--seed', '5', '--replay-dir', dir)).toEqual({
      code: 2,
      out: '',
      err:
        `--replay-dir ${scenario}: it is the input file ${scenario}; swarmlab does not write over its inputs ` +
        `(choose another file)\n`,
    });
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });
});
