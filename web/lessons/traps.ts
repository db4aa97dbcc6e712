// The misconception drills, in course order: the traps Swarm users report, each predicted before it is watched.

import type { TrapLesson } from './trap-types.js';
import { DEPLOY_TRAPS } from './traps-deploy.js';
import { MONITOR_TRAPS } from './traps-monitor.js';
import { ROLLBACK_TRAPS } from './traps-rollback.js';

export const TRAP_LESSONS: TrapLesson[] = [...MONITOR_TRAPS, ...ROLLBACK_TRAPS, ...DEPLOY_TRAPS];
