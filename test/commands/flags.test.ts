import { describe, expect, it } from 'vitest';
import { type FlagDef, FlagError, parseFlags } from '../../src/commands/flags.js';

const DEFS: FlagDef[] = [
  { name: 'detach', short: 'd', kind: 'bool' },
  { name: 'quiet', short: 'q', kind: 'bool' },
  { name: 'replicas', kind: 'uint64' },
  { name: 'update-delay', kind: 'duration' },
  { name: 'update-max-failure-ratio', kind: 'float32' },
  { name: 'health-interval', kind: 'positiveDuration' },
  { name: 'health-retries', kind: 'int' },
  { name: 'env', short: 'e', kind: 'list' },
  { name: 'image', kind: 'string' },
  { name: 'format', short: 'f', kind: 'string' },
  { name: 'compose-file', short: 'c', kind: 'stringSlice' },
  { name: 'args', kind: 'shlex' },
  { name: 'filter', kind: 'filter' },
];

const fail = (argv: string[]) => {
  try {
    parseFlags(argv, DEFS);
  } catch (err) {
    expect(err).toBeInstanceOf(FlagError);
    return (err as Error).message;
  }
  throw new Error('expected a FlagError');
};

describe('parseFlags (pflag)', () => {
  it('reads long flags with a separate or attached value, and positional args anywhere', () => {
    const flags = parseFlags(['--image', 'nginx', 'web', '--replicas=3', '--update-delay', '10s'], DEFS);
    expect(flags.string('image')).toBe('nginx');
    expect(flags.number('replicas')).toBe(3);
    expect(flags.nanos('update-delay')).toBe(10_000_000_000);
    expect(flags.args).toEqual(['web']);
    expect([...flags.changed].sort()).toEqual(['image', 'replicas', 'update-delay']);
  });

  it('treats bool flags as NoOptDefVal=true; an explicit value needs =', () => {
    expect(parseFlags(['-d'], DEFS).bool('detach')).toBe(true);
    const off = parseFlags(['--detach=false'], DEFS);
    expect(off.bool('detach')).toBe(false);
    expect(off.has('detach')).toBe(true);
    const spaced = parseFlags(['--detach', 'false'], DEFS);
    expect(spaced.bool('detach')).toBe(true);
    expect(spaced.args).toEqual(['false']);
  });

  it('splits combined shorthands and shorthand values', () => {
    const flags = parseFlags(['-dq', '-eA=1', '-e', 'B=2', '-f={{.ID}}'], DEFS);
    expect(flags.bool('detach')).toBe(true);
    expect(flags.bool('quiet')).toBe(true);
    expect(flags.list('env')).toEqual(['A=1', 'B=2']);
    expect(flags.string('format')).toBe('{{.ID}}');
    expect(parseFlags(['-d=false'], DEFS).bool('detach')).toBe(false);
  });

  it('stops at --, and at the first positional arg when not interspersed', () => {
    expect(parseFlags(['--', '--image', 'x'], DEFS).args).toEqual(['--image', 'x']);
    const create = parseFlags(['--replicas', '2', 'nginx', '--replicas', '3'], DEFS, { interspersed: false });
    expect(create.number('replicas')).toBe(2);
    expect(create.args).toEqual(['nginx', '--replicas', '3']);
    expect(parseFlags(['-', ''], DEFS).args).toEqual(['-', '']);
  });

  it('parses uint64 with Go base-0 rules, string slices, shlex and filters', () => {
    expect(parseFlags(['--replicas', '0x10'], DEFS).number('replicas')).toBe(16);
    expect(parseFlags(['--replicas', '1_000'], DEFS).number('replicas')).toBe(1000);
    expect(parseFlags(['-c', 'a.yml,b.yml', '-c', 'c.yml'], DEFS).list('compose-file')).toEqual([
      'a.yml',
      'b.yml',
      'c.yml',
    ]);
    expect(parseFlags(['--args', 'sh -c "sleep 5"'], DEFS).list('args')).toEqual(['sh', '-c', 'sleep 5']);
    expect(parseFlags(['--filter', ' Name = web '], DEFS).filters('filter')).toEqual([['name', 'web']]);
  });

  it('keeps the last value of a repeated scalar flag', () => {
    expect(parseFlags(['--image', 'a', '--image', 'b'], DEFS).string('image')).toBe('b');
  });

  it.each([
    [
      ['--update-delay', '10x'],
      'invalid argument "10x" for "--update-delay" flag: time: unknown unit "x" in duration "10x"',
    ],
    [['--update-delay', '10'], 'invalid argument "10" for "--update-delay" flag: time: missing unit in duration "10"'],
    [['--update-delay=x'], 'invalid argument "x" for "--update-delay" flag: time: invalid duration "x"'],
    [
      ['--replicas', '-1'],
      'invalid argument "-1" for "--replicas" flag: strconv.ParseUint: parsing "-1": invalid syntax',
    ],
    [
      ['--replicas', '99999999999999999999'],
      'invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseUint: parsing ' +
        '"99999999999999999999": value out of range',
    ],
    [
      ['--update-max-failure-ratio', 'abc'],
      'invalid argument "abc" for "--update-max-failure-ratio" flag: strconv.ParseFloat: parsing "abc": invalid syntax',
    ],
    [['--health-interval', '-1s'], 'invalid argument "-1s" for "--health-interval" flag: duration cannot be negative'],
    [
      ['--health-retries', 'x'],
      'invalid argument "x" for "--health-retries" flag: strconv.ParseInt: parsing "x": invalid syntax',
    ],
    [
      ['--detach=maybe'],
      'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [
      ['-d=maybe'],
      'invalid argument "maybe" for "-d, --detach" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    ],
    [['--filter', 'x'], 'invalid argument "x" for "--filter" flag: bad format of filter (expected name=value)'],
    [
      ['--args', '"unterminated'],
      'invalid argument "\\"unterminated" for "--args" flag: EOF found when expecting closing quote',
    ],
    [['--update-paralelism', '2'], 'unknown flag: --update-paralelism'],
    [['--nope=1'], 'unknown flag: --nope'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-dx'], "unknown shorthand flag: 'x' in -x"],
    [['--image'], 'flag needs an argument: --image'],
    [['-e'], "flag needs an argument: 'e' in -e"],
    [['---x'], 'bad flag syntax: ---x'],
    [['--=x'], 'bad flag syntax: --=x'],
  ])("%j fails with pflag's message", (argv, message) => {
    expect(fail(argv)).toBe(message);
  });

  it('sees --help and notes the deprecated -h shorthand', () => {
    expect(parseFlags(['--help'], DEFS).help).toBe(true);
    const short = parseFlags(['-h'], DEFS);
    expect(short.help).toBe(true);
    expect(short.notes).toEqual(['Flag shorthand -h has been deprecated, use --help']);
  });
});
