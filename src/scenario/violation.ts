// A replay file's `violation:` block: the library property a run broke, what broke, and the failing run's figures.
import type { Entry, YamlSource } from '../compose/yaml-source.js';
import { inputText, what } from '../input-messages.js';
import { OBSERVED_KEYS, type ObservedRollout, type ScenarioViolation } from './types.js';

const VIOLATION_KEYS = ['property', 'found', 'service', 'observed'] as const;

/**
 * `violation: {property, found, service, observed: {update_status, min_available, bad_tasks_started, duration_ms}}`.
 */
export function readViolation(src: YamlSource, entry: Entry): ScenarioViolation {
  const fields = src.entries(entry.value, entry.path, what('violation'));
  src.checkKeys(fields, VIOLATION_KEYS);
  const field = (key: (typeof VIOLATION_KEYS)[number]) => {
    const found = fields.find((f) => f.key === key);
    if (!found) return src.fail(entry.value, entry.path, inputText('violation.missing', { key }));
    return found;
  };
  const text = (key: 'property' | 'found' | 'service') => {
    const f = field(key);
    return src.text(f.value, f.path);
  };
  const observedEntry = field('observed');
  const figures = src.entries(
    observedEntry.value,
    observedEntry.path,
    what('observed', { keys: OBSERVED_KEYS.join(', ') }),
  );
  src.checkKeys(figures, OBSERVED_KEYS);
  const figure = (key: Exclude<(typeof OBSERVED_KEYS)[number], 'update_status'>): number | null => {
    const f = figures.find((item) => item.key === key);
    if (!f) return src.fail(observedEntry.value, observedEntry.path, inputText('violation.missing', { key }));
    return src.isEmpty(f.value) ? null : src.integer(f.value, f.path, what('figure'), 0);
  };
  const status = figures.find((item) => item.key === 'update_status');
  if (!status)
    return src.fail(observedEntry.value, observedEntry.path, inputText('violation.missing', { key: 'update_status' }));
  const observed: ObservedRollout = {
    update_status: src.string(status.value, status.path, what('updateStatus')),
    min_available: figure('min_available'),
    bad_tasks_started: figure('bad_tasks_started'),
    duration_ms: figure('duration_ms'),
  };
  return { property: text('property'), found: text('found'), service: text('service'), observed };
}
