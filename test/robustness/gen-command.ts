// fast-check generators of typed command lines: real docker/swarmlab paths and flag names, hostile values and quoting.
import fc from 'fast-check';
import { CREATE_FLAGS, ROLLBACK_FLAGS, UPDATE_FLAGS } from '../../src/commands/service-flags.js';

const SERVICE_FLAG_NAMES = [...new Set([...CREATE_FLAGS, ...UPDATE_FLAGS, ...ROLLBACK_FLAGS].map((def) => def.name))];
const SHORTS = [...new Set([...CREATE_FLAGS, ...UPDATE_FLAGS].flatMap((def) => (def.short ? [def.short] : [])))];
const OTHER_FLAG_NAMES = [
  'format',
  'filter',
  'quiet',
  'no-trunc',
  'no-resolve',
  'pretty',
  'availability',
  'role',
  'compose-file',
  'prune',
  'resolve-image',
  'tail',
  'raw',
  'no-task-ids',
  'exit-code',
  'help',
  'version',
  'debug',
  'host',
  'context',
  'log-level',
];
const FLAG_NAMES = [...SERVICE_FLAG_NAMES, ...OTHER_FLAG_NAMES, 'not-a-flag', 'update_delay', 'Replicas', ''];

const PATHS: readonly string[][] = [
  ['docker', 'service', 'create'],
  ['docker', 'service', 'update'],
  ['docker', 'service', 'rollback'],
  ['docker', 'service', 'scale'],
  ['docker', 'service', 'ps'],
  ['docker', 'service', 'inspect'],
  ['docker', 'service', 'ls'],
  ['docker', 'service', 'rm'],
  ['docker', 'service', 'logs'],
  ['docker', 'node', 'ls'],
  ['docker', 'node', 'update'],
  ['docker', 'node', 'inspect'],
  ['docker', 'stack', 'deploy'],
  ['docker', 'stack', 'ps'],
  ['docker', 'stack', 'services'],
  ['docker', 'stack', 'rm'],
  ['docker', 'service'],
  ['docker', 'node', 'promote'],
  ['docker', 'run'],
  ['docker'],
  ['docker', 'servic'],
  ['docker', '--debug', 'service', 'ls'],
  ['docker', '-H', 'x', 'node', 'ls'],
  ['swarmlab', 'fault', 'node-down'],
  ['swarmlab', 'fault', 'node-up'],
  ['swarmlab', 'fault', 'kill'],
  ['swarmlab', 'wait'],
  ['swarmlab', 'fault'],
  ['swarmlab'],
  ['kubectl', 'get'],
  ['docker', 'service', 'update', '--rollback'],
];

/** Values a flag or argument may get: valid ones, near-valid ones and hostile ones. */
export const value: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'web',
    'node-1',
    'node-2',
    'app:v1',
    'app:v2',
    'app:bad',
    'nginx:1.25',
    'web.1',
    'web=3',
    'web=-1',
    'web=x',
    'web=',
    '0',
    '1',
    '-1',
    '3',
    '10s',
    '1m30s',
    '0.5s',
    '-5s',
    '1d',
    '10',
    '.s',
    '1e3',
    '0x10',
    '1_000',
    'NaN',
    'Inf',
    '-Inf',
    '99999999999999999999',
    '18446744073709551615',
    '18446744073709551616',
    '9223372036854775808h',
    '1.5',
    '2.0e-1',
    'pause',
    'continue',
    'rollback',
    'stop-first',
    'start-first',
    'any',
    'none',
    'on-failure',
    'replicated',
    'global',
    'replicated-job',
    'global-job',
    'drain',
    'active',
    'pause',
    'dnsrr',
    'vip',
    'true',
    'false',
    'TRUE',
    't',
    'yes',
    '{{.ID}}',
    '{{json .}}',
    '{{',
    '{{.Nope}}',
    '{{range .}}',
    '{{index . 5}}',
    'table {{.Name}}',
    'json',
    'name=web',
    'desired-state=running',
    'desired-state=x',
    'bogus=1',
    'a=b=c',
    '=',
    'node.role==manager',
    'KEY=value',
    '=value',
    'lab el=x',
    'x.yaml',
    'compose.yml',
    '-',
    '--',
    '',
    ' ',
    '\t',
    'ünïcødé',
    '日本',
    '🐳',
    '\u0000',
    'undefinedish',
    'µs',
    'μs',
    '1µs',
    '1h2m3.5s',
    'wait: 3s',
    'converged',
    'settled',
    'ab"c',
    "it's",
    'a\\b',
    '$HOME',
  ),
  fc.integer({ min: -2_000, max: 2_000 }).map(String),
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom('ns', 'us', 'ms', 's', 'm', 'h', 'd', '', 'S'))
    .map(([n, u]) => `${n}${u}`),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
);

/**
 * One flag occurrence in one of pflag's forms: `--name value`, `--name=value`, `-x value`, `-xyz`, `-x=value`, junk.
 */
const flagWords: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constantFrom(...FLAG_NAMES), value).map(([name, v]) => [`--${name}`, v]),
  fc.tuple(fc.constantFrom(...FLAG_NAMES), value).map(([name, v]) => [`--${name}=${v}`]),
  fc.constantFrom(...FLAG_NAMES).map((name) => [`--${name}`]),
  fc.tuple(fc.constantFrom(...SHORTS, 'h', 'Z'), value).map(([s, v]) => [`-${s}`, v]),
  fc.tuple(fc.constantFrom(...SHORTS, 'h', 'Z'), value).map(([s, v]) => [`-${s}=${v}`]),
  fc
    .array(fc.constantFrom(...SHORTS, 'h', 'Z'), { minLength: 2, maxLength: 4 })
    .map((shorts) => [`-${shorts.join('')}`]),
  fc
    .tuple(fc.array(fc.constantFrom(...SHORTS), { minLength: 1, maxLength: 3 }), value)
    .map(([shorts, v]) => [`-${shorts.join('')}${v}`]),
  fc.constantFrom<string[]>(
    ['--'],
    ['-'],
    ['---x'],
    ['-=x'],
    ['--=x'],
    ['--rollback'],
    ['-d'],
    ['--detach=false'],
    ['--help'],
  ),
);

/** Quotes a word the way a user might: raw, '…', "…", with backslashes, or deliberately broken. */
function quoteWord(word: string, style: number): string {
  switch (style) {
    case 0:
      return word === '' ? "''" : word.replace(/([\s'"\\#])/g, '\\$1');
    case 1:
      return `'${word.replace(/'/g, `'\\''`)}'`;
    case 2:
      return `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
    case 3:
      return word; // unquoted as is: may split, comment out or leave a quote open
    default:
      return `"${word}`; // unterminated
  }
}

/** Positional arguments: mostly names that exist (so the command gets past lookup), sometimes anything. */
const positional: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'web',
      'web',
      'node-1',
      'node-2',
      'app:v2',
      'app:bad',
      'web=3',
      'web.1',
      'stack',
      'web=0',
    ),
  },
  { weight: 1, arbitrary: value },
);

const argv: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(...PATHS),
    fc.array(fc.oneof({ weight: 4, arbitrary: flagWords }, { weight: 1, arbitrary: value.map((v) => [v]) }), {
      maxLength: 5,
    }),
    fc.array(positional, { maxLength: 2 }),
  )
  .map(([path, parts, args]) => [...path, ...parts.flat(), ...args]);

/** A typed command line: the argv with each word quoted in a random well-formed style, or (rarely) broken quoting. */
export const commandLine: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 16,
    arbitrary: argv.chain((words) =>
      fc
        .array(fc.constantFrom(0, 0, 0, 1, 2), { minLength: words.length, maxLength: words.length })
        .map((styles) => words.map((w, i) => quoteWord(w, styles[i])).join(' ')),
    ),
  },
  {
    weight: 1,
    arbitrary: argv.chain((words) =>
      fc
        .array(fc.constantFrom(0, 0, 1, 2, 3, 4), { minLength: words.length, maxLength: words.length })
        .map((styles) => words.map((w, i) => quoteWord(w, styles[i])).join(' ')),
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `docker service ${s}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

type Kind = (typeof CREATE_FLAGS)[number]['kind'];
const DURATIONS = ['0s', '1s', '10s', '500ms', '1m', '-1s', '1.5s', '2h', '1ns', '0'];
/** Values that fit a flag's kind (so the command reaches spec building, the daemon's checks and the follower). */
const VALUE_BY_KIND: Record<Kind, fc.Arbitrary<string>> = {
  bool: fc.constantFrom('true', 'false', '1', '0'),
  string: fc.constantFrom(
    'pause',
    'continue',
    'rollback',
    'stop-first',
    'start-first',
    'any',
    'none',
    'on-failure',
    'vip',
    'dnsrr',
    'global',
    'replicated',
    'x',
    '',
  ),
  uint64: fc.constantFrom('0', '1', '2', '3', '5', '99999999'),
  int: fc.constantFrom('0', '1', '3', '-1', '2147483648'),
  float32: fc.constantFrom('0', '0.2', '0.5', '1', '1.5', '-0.1', 'NaN', '3.4e39'),
  duration: fc.constantFrom(...DURATIONS),
  positiveDuration: fc.constantFrom(...DURATIONS),
  list: fc.constantFrom('a=b', 'node.role==manager', 'node.hostname!=node-1', 'KEY=1', 'x'),
  stringSlice: fc.constantFrom('compose.yml', 'a,b'),
  shlex: fc.constantFrom('sleep 10', '"unterminated', "sh -c 'exit 1'", ''),
  filter: fc.constantFrom('name=web', 'desired-state=running'),
};

const typedFlag = (defs: typeof UPDATE_FLAGS): fc.Arbitrary<string[]> =>
  fc
    .constantFrom(...defs.filter((d) => d.name !== 'help'))
    .chain((def) =>
      def.kind === 'bool'
        ? fc.constantFrom([`--${def.name}`], [`--${def.name}=false`])
        : VALUE_BY_KIND[def.kind].map((v) => [`--${def.name}=${v}`]),
    );

const IMAGES = ['app:v1', 'app:v2', 'app:bad', 'app:term1', 'nginx:1.25'];

/** `docker service create|update|rollback|scale` with kind-appropriate flag values, quoted for the shell. */
export const serviceMutation: fc.Arbitrary<string> = fc
  .oneof(
    fc
      .tuple(
        fc.array(typedFlag(UPDATE_FLAGS), { maxLength: 4 }),
        fc.constantFrom(...IMAGES),
        fc.boolean(),
        fc.constantFrom('web', 'api'),
      )
      .map(([flags, image, detach, name]) => [
        'docker',
        'service',
        'update',
        ...(detach ? ['-d'] : []),
        ...flags.flat(),
        '--image',
        image,
        name,
      ]),
    fc
      .tuple(
        fc.array(typedFlag(CREATE_FLAGS), { maxLength: 4 }),
        fc.constantFrom(...IMAGES),
        fc.boolean(),
        fc.constantFrom('web', 'api'),
      )
      .map(([flags, image, detach, name]) => [
        'docker',
        'service',
        'create',
        ...(detach ? ['-d'] : []),
        '--name',
        name,
        ...flags.flat(),
        image,
      ]),
    fc
      .tuple(fc.boolean(), fc.constantFrom('web', 'api'))
      .map(([detach, name]) => ['docker', 'service', 'rollback', ...(detach ? ['-d'] : []), name]),
    fc
      .tuple(fc.constantFrom('web', 'api'), fc.constantFrom('0', '1', '3', '-1', 'x', '18446744073709551616'))
      .map(([name, n]) => ['docker', 'service', 'scale', '-d', `${name}=${n}`]),
    fc.constantFrom(
      ['docker', 'service', 'rm', 'api'],
      ['docker', 'node', 'update', '--availability', 'drain', 'node-2'],
      ['docker', 'node', 'update', '--availability', 'active', 'node-2'],
      ['swarmlab', 'fault', 'kill', 'web.1'],
      ['swarmlab', 'wait', '5s'],
      ['docker', 'stack', 'deploy', '-c', 'compose.yml', 'stack'],
      ['docker', 'stack', 'deploy', '-c', 'x.yaml', 's'],
    ),
  )
  .map((words) => words.map((w) => quoteWord(w, 1)).join(' '));
