// The shareable URL fragments: a lesson session (lesson, seed, typed lines with their virtual times), or a challenge
// and its answer.
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

/**
 * A challenge and the answer typed for it: `#challenge=2b&answer=…` (the answer base64url, at most 2,000 characters).
 */
export interface SharedChallenge {
  section: string;
  answer: string;
}

export function encodeChallengeShare(shared: SharedChallenge): string {
  return `#challenge=${encodeURIComponent(shared.section)}&answer=${toBase64Url(shared.answer)}`;
}

/** Null when the fragment is no challenge link, or its answer is unreadable or longer than SHARE_LIMITS.textLength. */
export function decodeChallengeShare(hash: string): SharedChallenge | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const section = params.get('challenge');
  if (!section) return null;
  try {
    const answer = fromBase64Url(params.get('answer') ?? '');
    return answer.length <= SHARE_LIMITS.textLength ? { section, answer } : null;
  } catch {
    return null;
  }
}

/** Whether the fragment means to be a challenge link, readable or not. */
export const isChallengeLink = (hash: string): boolean => new URLSearchParams(hash.replace(/^#/, '')).has('challenge');
