// Scenario files (YAML text) → Scenario: every error names the file, the line and the key.

import { composeToSpecs } from '../compose/compose.js';
import { type Entry, YamlSource, type YNode } from '../compose/yaml-source.js';
import { DEFAULT_SEED } from '../defaults.js';
import { InputError } from '../errors.js';
import { DRAWN_CLUSTER_FAULTS } from '../faults/registry.js';
import { inputText, what } from '../input-messages.js';
import type { UpdateState } from '../types.js';
import { readCluster, readImages } from './load-cluster.js';
import { parseWaitTarget, stepFromText, waitLimitError } from './steps.js';
import type { Scenario, ScenarioChoices, ScenarioExpect, ScenarioStep } from './types.js';
import { readViolation } from './violation.js';

export interface LoadOptions {
  /**
   * Reads a file named by `compose:` (a path relative to the scenario file). Given by the CLI, which has a file
   * system; `file` is how errors inside it name it. Without it, a scenario with `compose:` is an error.
   */
  readFile?: (relativePath: string) => { text: string; file: string };
  /** The variables `${VAR}` in its compose files read (checked here, kept in the scenario for the run). */
  env?: Readonly<Record<string, string | undefined>>;
}

const TOP_KEYS = [
  'name',
  'description',
  'seed',
  'cluster',
  'images',
  'files',
  'compose',
  'steps',
  'expect',
  'choices',
  'violation',
] as const;
const CHOICES_KEYS = ['from_step', 'faults', 'max_faults', 'picks'] as const;
const WAIT_KEYS = ['wait', 'service'] as const;
const EXPECT_KEYS = ['service', 'update_status', 'update_message', 'running_images', 'previous_spec'] as const;
const UPDATE_STATES: readonly UpdateState[] = [
  'updating',
  'paused',
  'completed',
  'rollback_started',
  'rollback_paused',
  'rollback_completed',
];

export function loadScenario(text: string, file: string, opts: LoadOptions = {}): Scenario {
  const src: YamlSource = YamlSource.parse(text, file);
  const root = src.root;
  if (src.isEmpty(root)) throw new InputError(inputText('scenario.empty'), { file, line: 1 });
  const entries = src.entries(root, '', what('scenario'));
  src.checkKeys(entries, TOP_KEYS);
  const get = (key: string) => entries.find((entry) => entry.key === key);

  const steps = get('steps');
  if (!steps) src.fail(root, 'steps', inputText('scenario.noSteps'));
  const block = readCluster(src, get('cluster')?.value ?? null, 'cluster');
  const scenario: Scenario = {
    name: optionalString(src, get('name')) ?? baseName(file),
    description: optionalString(src, get('description')) ?? '',
    seed: readSeed(src, get('seed')),
    file,
    cluster: {
      nodes: block.nodes,
      timing: block.timing,
      taskHistoryLimit: block.taskHistoryLimit,
      images: readImages(src, get('images')?.value ?? null, 'images'),
    },
    files: { ...readInlineFiles(src, get('files'), opts), ...readComposeRefs(src, get('compose'), opts) },
    steps: readSteps(src, steps),
  };
  if (opts.env) scenario.env = opts.env;
  const expect = get('expect');
  if (expect && !src.isEmpty(expect.value)) scenario.expect = readExpect(src, expect);
  const choices = get('choices');
  if (choices && !src.isEmpty(choices.value)) scenario.choices = readChoices(src, choices, scenario.steps.length);
  const violation = get('violation');
  if (violation && !src.isEmpty(violation.value)) scenario.violation = readViolation(src, violation);
  return scenario;
}

/** `choices: {from_step: N, picks: [...]}`: the run `swarmlab explore` wrote as a replay (see the README). */
function readChoices(src: YamlSource, entry: Entry, steps: number): ScenarioChoices {
  const fields = src.entries(entry.value, entry.path, what('choices'));
  src.checkKeys(fields, CHOICES_KEYS);
  const fromStep = fields.find((f) => f.key === 'from_step');
  const picks = fields.find((f) => f.key === 'picks');
  if (!fromStep) return src.fail(entry.value, entry.path, inputText('choices.noFromStep'));
  const step = src.integer(fromStep.value, fromStep.path, what('stepNumber'), 1);
  if (step > steps) src.fail(fromStep.value, fromStep.path, inputText('choices.pastLastStep', { steps }));
  const list = picks && !src.isEmpty(picks.value) ? src.items(picks.value, picks.path, what('optionNumbers')) : [];
  const choices: ScenarioChoices = {
    fromStep: step,
    picks: list.map((item) => src.integer(item.node, item.path, what('optionNumber'), 0)),
  };
  const faults = fields.find((f) => f.key === 'faults');
  const max = fields.find((f) => f.key === 'max_faults');
  if (faults && !src.isEmpty(faults.value)) {
    const kinds = src
      .items(faults.value, faults.path, what('faultKinds', { kinds: DRAWN_CLUSTER_FAULTS.join(', ') }))
      .map((item) => src.oneOf(item.node, item.path, DRAWN_CLUSTER_FAULTS));
    choices.faults = { kinds, max: max ? src.integer(max.value, max.path, what('faultCount'), 1) : 1 };
  } else if (max) src.fail(max.keyNode, max.path, inputText('choices.maxNeedsFaults'));
  return choices;
}

function optionalString(src: YamlSource, entry: Entry | undefined): string | undefined {
  if (!entry || src.isEmpty(entry.value)) return undefined;
  return src.string(entry.value, entry.path).trim();
}

function baseName(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
}

function readSeed(src: YamlSource, entry: Entry | undefined): number {
  if (!entry || src.isEmpty(entry.value)) return DEFAULT_SEED;
  return src.integer(entry.value, entry.path, what('seed'), 0);
}

/** `files:` maps the name a step uses (`docker stack deploy -c NAME`) to inline compose text, checked here. */
function readInlineFiles(src: YamlSource, entry: Entry | undefined, opts: LoadOptions): Record<string, string> {
  const files: Record<string, string> = {};
  if (!entry || src.isEmpty(entry.value)) return files;
  for (const field of src.entries(entry.value, entry.path, what('inlineFiles'))) {
    const text = src.string(field.value, field.path, what('composeText'));
    // A `|` block's text starts on the line after its key: errors inside it then point at the scenario's own lines.
    const blockStartLine = src.at(field.value).line;
    const isBlock = /^[|>]/.test(sourceAt(src, field.value));
    const lineOffset = isBlock ? blockStartLine : blockStartLine - 1;
    composeToSpecs(text, src.file, 'check', { lineOffset, env: opts.env });
    files[field.key] = text;
  }
  return files;
}

function sourceAt(src: YamlSource, node: YNode): string {
  const range = node?.range;
  return range ? src.source.slice(range[0], range[0] + 1) : '';
}

/** `compose: PATH` or a list of paths, relative to the scenario file; each is available to `-c PATH`. */
function readComposeRefs(src: YamlSource, entry: Entry | undefined, opts: LoadOptions): Record<string, string> {
  const files: Record<string, string> = {};
  if (!entry || src.isEmpty(entry.value)) return files;
  const refs =
    src.kind(entry.value) === 'list'
      ? src.items(entry.value, entry.path).map((item) => ({ node: item.node, path: item.path }))
      : [{ node: entry.value, path: entry.path }];
  for (const ref of refs) {
    const relativePath = src.string(ref.node, ref.path, what('composePath'));
    if (!opts.readFile) src.fail(ref.node, ref.path, inputText('scenario.composeNeedsFile'));
    let loaded: { text: string; file: string };
    try {
      loaded = opts.readFile(relativePath);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      return src.fail(
        ref.node,
        ref.path,
        inputText('scenario.cannotRead', { file: JSON.stringify(relativePath), reason }),
      );
    }
    composeToSpecs(loaded.text, loaded.file, 'check', { env: opts.env });
    files[relativePath] = loaded.text;
  }
  return files;
}

function readSteps(src: YamlSource, entry: Entry): ScenarioStep[] {
  const items = src.items(entry.value, entry.path, what('steps'));
  if (items.length === 0) src.fail(entry.value, entry.path, inputText('scenario.oneStep'), entry.keyNode);
  return items.map((item) =>
    src.kind(item.node) === 'mapping'
      ? readWaitStep(src, item.node, item.path)
      : readCommandStep(src, item.node, item.path),
  );
}

function readCommandStep(src: YamlSource, node: YNode, path: string): ScenarioStep {
  const text = src.string(node, path, what('step')).trim();
  if (!text) src.fail(node, path, inputText('step.emptyCommand'));
  // A backslash-newline continues the command (as in a shell); any other line break would hide a second command.
  if (/(^|[^\\])\r?\n/.test(text)) src.fail(node, path, inputText('step.oneCommand'));
  const step = stepFromText(text, src.at(node));
  if ('error' in step) return src.fail(node, path, step.error);
  return step;
}

function readWaitStep(src: YamlSource, node: YNode, path: string): ScenarioStep {
  const fields = src.entries(node, path);
  src.checkKeys(fields, WAIT_KEYS);
  const wait = fields.find((f) => f.key === 'wait');
  const service = fields.find((f) => f.key === 'service');
  if (!wait) return src.fail(node, path, inputText('step.notAStep'));
  const at = src.at(node);
  const value = src.scalar(wait.value);
  const target = value === 0 ? parseWaitTarget('0s') : typeof value === 'string' ? parseWaitTarget(value) : null;
  if (!target) return src.failExpected(wait.value, wait.path, what('waitTarget'), wait.keyNode);
  const tooLong = waitLimitError(target, String(value));
  if (tooLong) return src.fail(wait.value, wait.path, tooLong, wait.keyNode);
  if (target.until === 'duration') {
    if (service) src.fail(service.keyNode, service.path, inputText('wait.onlyConverged'));
    return { kind: 'wait', until: 'duration', durationMs: target.durationMs, at };
  }
  const name = service ? src.string(service.value, service.path, what('serviceName')) : target.service;
  if (name !== undefined && target.until !== 'converged')
    src.fail(service?.keyNode ?? wait.value, service?.path ?? wait.path, inputText('wait.onlyConverged'));
  return name !== undefined
    ? { kind: 'wait', until: 'converged', service: name, at }
    : { kind: 'wait', until: target.until, at };
}

function readExpect(src: YamlSource, entry: Entry): ScenarioExpect {
  const expect: ScenarioExpect = {};
  const fields = src.entries(entry.value, entry.path);
  src.checkKeys(fields, EXPECT_KEYS);
  for (const field of fields) {
    switch (field.key) {
      case 'service':
        expect.service = src.string(field.value, field.path, what('serviceName'));
        break;
      case 'update_status': {
        const value = src.scalar(field.value);
        expect.update_status =
          value === null || value === 'none'
            ? null
            : (src.oneOf(field.value, field.path, [...UPDATE_STATES, 'none']) as UpdateState);
        break;
      }
      case 'update_message':
        expect.update_message = src.string(field.value, field.path, what('updateMessage'));
        break;
      case 'running_images': {
        const images: Record<string, number> = {};
        for (const image of src.entries(field.value, field.path, what('runningImages'))) {
          images[image.key] = src.integer(image.value, image.path, what('runningTasks'), 0);
        }
        expect.running_images = images;
        break;
      }
      default:
        expect.previous_spec = src.oneOf(field.value, field.path, ['none', 'present'] as const);
    }
  }
  return expect;
}
