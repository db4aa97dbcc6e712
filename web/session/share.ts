// The shareable URL fragment of a lesson session: lesson, seed and the typed lines with their virtual times.
import type { SessionStep } from './session.js';

export interface SharedSession {
  lesson: string;
  seed: number;
  steps: SessionStep[];
}

const toBase64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const fromBase64Url = (text: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export function encodeShare(shared: SharedSession): string {
  const steps = toBase64Url(JSON.stringify(shared.steps.map((s) => [s.atMs, s.text])));
  return `#lesson=${encodeURIComponent(shared.lesson)}&seed=${shared.seed}&steps=${steps}`;
}

/**
 * What a share link may hold: lines typed within the first 2 hours of virtual time (a crash loop replayed over a day
 * took 50 s here), at most 200 lines of 2,000 characters. Lessons take minutes; a link past this is refused as damaged.
 */
export const SHARE_LIMITS = { atMs: 7_200_000, steps: 200, textLength: 2_000 } as const;

const isStep = (s: unknown): s is [number, string] =>
  Array.isArray(s) &&
  s.length === 2 &&
  typeof s[0] === 'number' &&
  Number.isFinite(s[0]) &&
  s[0] >= 0 &&
  s[0] <= SHARE_LIMITS.atMs &&
  typeof s[1] === 'string' &&
  s[1].length <= SHARE_LIMITS.textLength;

/** Whether the fragment means to be a share link (it names a lesson), readable or not. */
export const isShareLink = (hash: string): boolean => new URLSearchParams(hash.replace(/^#/, '')).has('lesson');

/** Null when the fragment is not a share link, is damaged, or goes past SHARE_LIMITS. */
export function decodeShare(hash: string): SharedSession | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lesson = params.get('lesson');
  const seedText = params.get('seed') ?? '';
  const seed = Number(seedText);
  if (!lesson || !/^\d+$/.test(seedText) || !Number.isSafeInteger(seed)) return null;
  try {
    const raw = JSON.parse(fromBase64Url(params.get('steps') ?? 'W10')) as unknown;
    if (!Array.isArray(raw) || raw.length > SHARE_LIMITS.steps || !raw.every(isStep)) return null;
    return { lesson, seed, steps: raw.map(([atMs, text]) => ({ atMs, text })) };
  } catch {
    return null;
  }
}
