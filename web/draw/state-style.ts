// How each task state is drawn: colour, a pattern (told apart without colour) and a one-letter label.
import type { TaskState } from '../../src/browser.js';

export interface StateStyle {
  fill: string;
  pattern: string | null;
  letter: string;
  group: string;
}

const SCHEDULING: StateStyle = { fill: '#9aa5b1', pattern: 'dots', letter: 'P', group: 'pending' };
const PREPARING: StateStyle = { fill: '#7cb7e8', pattern: 'hatch', letter: 'R', group: 'preparing' };
const STARTING: StateStyle = { fill: '#f0b429', pattern: 'lines', letter: 'S', group: 'starting' };
const RUNNING: StateStyle = { fill: '#3f9142', pattern: null, letter: '', group: 'running' };
const FAILED: StateStyle = { fill: '#d64545', pattern: 'cross', letter: '✕', group: 'failed' };
const STOPPED: StateStyle = { fill: '#52606d', pattern: null, letter: '■', group: 'stopped' };

export function stateStyle(state: TaskState): StateStyle {
  switch (state) {
    case 'new':
    case 'allocated':
    case 'pending':
    case 'assigned':
    case 'accepted':
      return SCHEDULING;
    case 'preparing':
    case 'ready':
      return PREPARING;
    case 'starting':
      return STARTING;
    case 'running':
      return RUNNING;
    case 'failed':
    case 'rejected':
    case 'orphaned':
      return FAILED;
    default:
      return STOPPED;
  }
}

/** The legend, one entry per drawn group. */
export const LEGEND: { label: string; style: StateStyle }[] = [
  { label: 'new … accepted', style: SCHEDULING },
  { label: 'preparing / ready', style: PREPARING },
  { label: 'starting', style: STARTING },
  { label: 'running', style: RUNNING },
  { label: 'failed / rejected', style: FAILED },
  { label: 'shutdown / complete', style: STOPPED },
];

/** A stable colour per image (availability chart, image tags). */
const PALETTE = ['#2f80ed', '#f2994a', '#9b51e0', '#27ae60', '#eb5757', '#56ccf2', '#bdbd2f', '#6d4c41'];
export const imageColour = (images: readonly string[], image: string): string =>
  PALETTE[Math.max(0, images.indexOf(image)) % PALETTE.length];

/** The short form of an image shown inside a bar: its tag (`nginx:1.25` → `1.25`). */
export const shortImage = (image: string): string => {
  const tag = image.slice(image.lastIndexOf('/') + 1);
  return tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
};

export const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
