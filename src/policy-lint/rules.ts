// The lint rules of `swarmlab lint`, in the order they are documented (README "Linting a stack's update policy").
import { DETECT_RULES } from './rules-detect.js';
import { SHAPE_RULES } from './rules-shape.js';
import type { Rule } from './types.js';

const byId = new Map([...DETECT_RULES, ...SHAPE_RULES].map((rule) => [rule.id, rule]));

export const RULES: readonly Rule[] = [
  'monitor-shorter-than-failure',
  'single-replica-stop-first',
  'failure-action-never-fires',
  'start-first-host-port',
  'delay-not-shorter-than-monitor',
  'rollback-slower-than-update',
  'no-healthcheck-monitor-zero',
  'image-without-digest',
].map((id) => byId.get(id)!);
