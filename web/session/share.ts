// The shareable URL fragment of a lesson session: lesson, seed and the typed lines with their virtual times.
import type { SessionStep } from './session.js';

export interface SharedSession {
  lesson: string;
  seed: number;
  steps: SessionStep[];
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text: string) => new TextDecoder().decode(Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export function encodeShare(shared: SharedSession): string {
  const steps = toBase64Url(JSON.stringify(shared.steps.map((s) => [s.atMs, s.text])));
  return `#lesson=${encodeURIComponent(shared.lesson)}&seed=${shared.seed}&steps=${steps}`;
}

/** Null when the fragment is not a share link (or is damaged). */
export function decodeShare(hash: string): SharedSession | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const lesson = params.get('lesson');
  const seed = Number(params.get('seed'));
  if (!lesson || !Number.isInteger(seed)) return null;
  try {
    const raw = JSON.parse(fromBase64Url(params.get('steps') ?? 'W10')) as unknown;
    if (!Array.isArray(raw)) return null;
    const steps = raw.filter((s): s is [number, string] => Array.isArray(s) && typeof s[0] === 'number' && typeof s[1] === 'string')
      .map(([atMs, text]) => ({ atMs, text }));
    return { lesson, seed, steps };
  } catch {
    return null;
  }
}
