import { describe, expect, it } from 'vitest';
import { ageMs, humanDuration, humanDurationLower } from '../../src/render/humanize.js';

const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('humanDuration (go-units duration_test.go cases)', () => {
  it.each([
    [450, 'Less than a second'],
    [1 * S, '1 second'],
    [1_999, '1 second'],
    [45 * S, '45 seconds'],
    [59 * S, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [3 * MIN, '3 minutes'],
    [35 * MIN + 40 * S, '35 minutes'],
    [59 * MIN, '59 minutes'],
    [1 * H, 'About an hour'],
    [1 * H + 29 * MIN, 'About an hour'],
    [1 * H + 31 * MIN, '2 hours'],
    [3 * H + 29 * MIN, '3 hours'],
    [3 * H + 31 * MIN, '4 hours'],
    [24 * H, '24 hours'],
    [DAY + 12 * H, '36 hours'],
    [2 * DAY, '2 days'],
    [13 * DAY + 5 * H, '13 days'],
    [2 * WEEK, '2 weeks'],
    [4 * WEEK + 3 * DAY, '4 weeks'],
    [MONTH, '4 weeks'],
    [MONTH + 2 * WEEK, '6 weeks'],
    [2 * MONTH, '2 months'],
    [5 * MONTH + 2 * WEEK, '5 months'],
    [24 * MONTH, '24 months'],
    [24 * MONTH + 2 * WEEK, '2 years'],
    [3 * YEAR + 2 * MONTH, '3 years'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('treats a future timestamp as less than a second; the ps form is lower-cased', () => {
    expect(humanDuration(-5 * S)).toBe('Less than a second');
    expect(humanDurationLower(90 * S)).toBe('about a minute');
  });

  it('measures an age against the virtual now', () => {
    expect(ageMs({ nowMs: 12_500, epochIso: '2026-01-01T00:00:00.000Z' }, '2026-01-01T00:00:02.250Z')).toBe(10_250);
  });
});
