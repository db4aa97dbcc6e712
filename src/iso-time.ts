// The ISO 8601 text of an instant: one table for the whole process, as every run of a scenario formats the same times.
import { memoize } from './memo.js';

/**
 * `new Date(ms).toISOString()`, memoised by `ms`: explore's runs, and every state polled in each, format the same few
 * thousand instants again and again (a table per simulator was refilled by every run).
 */
export const isoTime: (ms: number) => string = memoize((ms: number) => new Date(ms).toISOString(), 100_000);
