// Bad scenario and compose files: each loader error in English (the CLI's message) and in French (the page's), with
// its file:line.
import { describe, expect, it } from 'vitest';
import { composeToSpecs } from '../../src/compose/compose.js';
import { InputError } from '../../src/errors.js';
import { loadScenario } from '../../src/scenario/load.js';

/** The InputError `load` throws (the test fails if it loads). */
function errorOf(load: () => unknown): InputError {
  try {
    load();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

const scenario = (text: string) => errorOf(() => loadScenario(text, 's.yaml'));
const compose = (text: string) => errorOf(() => composeToSpecs(text, 'stack.yml', 'st', { env: {} }));

/** [kind, the error, English, French]. */
const CASES: [string, () => InputError, string, string][] = [
  [
    'unknown key with a suggestion',
    () => scenario('steps:\n  - docker service ls\nsed: 3\n'),
    's.yaml:3: sed: unknown key; did you mean "seed"?',
    's.yaml:3: sed : clé inconnue ; vouliez-vous dire « seed » ?',
  ],
  [
    'empty file',
    () => scenario('\n'),
    's.yaml:1: the scenario file is empty (it needs at least steps:)',
    's.yaml:1: le fichier de scénario est vide (il lui faut au moins steps:)',
  ],
  [
    'missing field',
    () => scenario('name: x\n'),
    's.yaml:1: steps: missing: a scenario needs a list of steps',
    's.yaml:1: steps : manquant : un scénario a besoin d’une liste d’étapes (steps:)',
  ],
  [
    'bad YAML (the parser’s detail as it writes it)',
    () => scenario('steps: [\n'),
    's.yaml:2: invalid YAML: flow sequence in block collection must be sufficiently indented and end with a ]',
    's.yaml:2: YAML invalide : flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  [
    'duplicate key',
    () => scenario('steps:\n  - a\nsteps:\n  - b\n'),
    's.yaml:3: steps: duplicate key',
    's.yaml:3: steps : clé en double',
  ],
  [
    'duration without a unit',
    () => scenario('cluster:\n  timing:\n    schedule: 5\nsteps:\n  - docker service ls\n'),
    's.yaml:3: cluster.timing.schedule: expected a Go duration such as 500ms, 1.5s or 2m, got 5 (a Go duration needs ' +
      'a unit)',
    's.yaml:3: cluster.timing.schedule : attendu une durée Go comme 500ms, 1.5s ou 2m, reçu 5 (une durée Go a besoin ' +
      'd’une unité)',
  ],
  [
    'negative duration',
    () => scenario('images:\n  x:\n    start: -1s\nsteps:\n  - docker service ls\n'),
    's.yaml:3: images.x.start: a duration cannot be negative, got "-1s"',
    's.yaml:3: images.x.start : une durée ne peut pas être négative, reçu "-1s"',
  ],
  [
    'wait over the limit',
    () => scenario('steps:\n  - wait: 100h\n'),
    's.yaml:2: steps[0].wait: 100h is longer than the limit of 1h0m0s of virtual time',
    's.yaml:2: steps[0].wait : 100h dépasse la limite de 1h0m0s de temps virtuel',
  ],
  [
    'bad wait written as text',
    () => scenario('steps:\n  - "wait: soon"\n'),
    's.yaml:2: steps[0]: expected "wait: converged [SERVICE]", "wait: settled" or "wait: DURATION", got "wait: soon"',
    's.yaml:2: steps[0] : attendu « wait: converged [SERVICE] », « wait: settled » ou « wait: DURÉE », ' +
      'reçu "wait: soon"',
  ],
  [
    'node limit',
    () => scenario('cluster:\n  nodes: 5000\nsteps:\n  - docker service ls\n'),
    's.yaml:2: cluster.nodes: at most 1000 nodes, got 5000',
    's.yaml:2: cluster.nodes : au plus 1000 nœuds, reçu 5000',
  ],
  [
    'one of a list, with a suggestion',
    () => scenario('cluster:\n  nodes:\n    - role: manger\nsteps:\n  - docker service ls\n'),
    's.yaml:3: cluster.nodes[0].role: expected one of manager, worker, got "manger" (did you mean "manager"?)',
    's.yaml:3: cluster.nodes[0].role : attendu l’une des valeurs manager, worker, reçu "manger" (vouliez-vous dire ' +
      '« manager » ?)',
  ],
  [
    'wrong kind of value',
    () => scenario('steps:\n  cmd: docker service ls\n'),
    's.yaml:2: steps: expected a list of steps, got a mapping',
    's.yaml:2: steps : attendu une liste d’étapes, reçu un mapping',
  ],
  [
    'a value out of range',
    () => scenario('images:\n  x:\n    exit: 300\nsteps:\n  - docker service ls\n'),
    's.yaml:3: images.x.exit: an exit code is 0 to 255, got 300',
    's.yaml:3: images.x.exit : un code de sortie va de 0 à 255, reçu 300',
  ],
  [
    'an inline compose file, at the scenario’s line',
    () =>
      scenario(
        'files:\n  s.yml: |\n    services:\n      web:\n        deploy:\n          replicas: 2\nsteps:\n  - x\n',
      ),
    's.yaml:5: services.web: a service needs an image (docker stack deploy does not build images)',
    's.yaml:5: services.web : un service a besoin d’une image (docker stack deploy ne construit pas d’images)',
  ],
  [
    'compose: unknown key',
    () => compose('services:\n  web:\n    image: nginx\n    imag: x\n'),
    'stack.yml:4: services.web.imag: unknown key; did you mean "image"?',
    'stack.yml:4: services.web.imag : clé inconnue ; vouliez-vous dire « image » ?',
  ],
  [
    'compose: bad update delay',
    () => compose('services:\n  web:\n    image: nginx\n    deploy:\n      update_config:\n        delay: soon\n'),
    'stack.yml:6: services.web.deploy.update_config.delay: expected a Go duration such as 500ms, 1.5s or 2m, ' +
      'got "soon"',
    'stack.yml:6: services.web.deploy.update_config.delay : attendu une durée Go comme 500ms, 1.5s ou 2m, reçu "soon"',
  ],
  [
    'compose: bad replica count',
    () => compose('services:\n  web:\n    image: nginx\n    deploy:\n      replicas: many\n'),
    'stack.yml:5: services.web.deploy.replicas: expected a replica count (0 or more), got "many"',
    'stack.yml:5: services.web.deploy.replicas : attendu un nombre de répliques (0 ou plus), reçu "many"',
  ],
  [
    'compose: a long port without target',
    () => compose('services:\n  web:\n    image: nginx\n    ports:\n      - published: 80\n'),
    'stack.yml:5: services.web.ports[0]: a port mapping needs a target (the container port)',
    'stack.yml:5: services.web.ports[0] : un port publié a besoin d’une cible, target (le port du conteneur)',
  ],
  [
    'compose: job services are not simulated',
    () => compose('services:\n  web:\n    image: nginx\n    deploy:\n      mode: global-job\n'),
    'stack.yml:5: services.web.deploy.mode: job services (replicated-job, global-job) are not simulated',
    'stack.yml:5: services.web.deploy.mode : les services job (replicated-job, global-job) ne sont pas simulés',
  ],
  [
    'compose: a boolean',
    () => compose('services:\n  web:\n    image: nginx\n    init: maybe\n'),
    'stack.yml:4: services.web.init: expected true or false, got "maybe"',
    'stack.yml:4: services.web.init : attendu true ou false, reçu "maybe"',
  ],
];

/** Docker's own messages: the same words in both languages (the path before them is the page's). */
const DOCKER_CASES: [string, () => InputError, string, string][] = [
  [
    'replicas with mode global (docker/cli)',
    () => compose('services:\n  web:\n    image: nginx\n    deploy:\n      mode: global\n      replicas: 2\n'),
    'stack.yml:6: services.web.deploy.replicas: replicas can only be used with replicated or replicated-job mode',
    'stack.yml:6: services.web.deploy.replicas : replicas can only be used with replicated or replicated-job mode',
  ],
  [
    'a required variable (docker/cli interpolation)',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a compose file's own ${VAR} syntax
    () => compose('services:\n  web:\n    image: ${X:?needs X}\n'),
    'stack.yml:3: invalid interpolation format for services.web.image: "required variable X is missing a value: ' +
      'needs X". You may need to escape any $ with another $.',
    'stack.yml:3: invalid interpolation format for services.web.image: "required variable X is missing a value: ' +
      'needs X". You may need to escape any $ with another $.',
  ],
  [
    'top level not a mapping (docker/cli)',
    () => compose('- a\n'),
    'stack.yml:1: Top-level object must be a mapping',
    'stack.yml:1: Top-level object must be a mapping',
  ],
];

describe('loader errors in English and French', () => {
  it.each(CASES)('%s', (_kind, error, english, french) => {
    const err = error();
    expect(err.message).toBe(english);
    expect(err.inLang('en')).toBe(english);
    expect(err.inLang('fr')).toBe(french);
  });

  it.each(DOCKER_CASES)('%s stays as Docker writes it', (_kind, error, english, french) => {
    const err = error();
    expect(err.message).toBe(english);
    expect(err.inLang('fr')).toBe(french);
  });

  it('covers at least ten kinds of error, each with its own text in each language', () => {
    const errors = CASES.map(([, error]) => error());
    const kindOf = (err: InputError) => {
      const text = err.text;
      const inner = text?.key === 'atPath' ? text.params?.message : text;
      return typeof inner === 'object' ? inner.key : undefined;
    };
    expect(new Set(errors.map(kindOf)).size).toBeGreaterThanOrEqual(10);
    for (const err of errors) {
      expect(err.inLang('fr')).not.toBe(err.message);
      expect(err.inLang('fr')).not.toMatch(/\{\w+\}/);
    }
  });
});
