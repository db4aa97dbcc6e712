// The lint's Web Worker: runs `swarmlab lint` (its proofs are simulated runs) on an imported file, off the page's
// thread.
import { type LintFinding, lintScenario, lintStack } from '../../src/browser.js';
import { loadScenario } from '../../src/browser-on-demand.js';

/** What the page asks: lint a stack (compose) file or a scenario file, by its text. */
export interface LintRequest {
  id: number;
  kind: 'stack' | 'scenario';
  text: string;
  file: string;
}

/** The findings, or that the file has nothing to lint (`noUpdate`: a scenario that updates no image) or failed. */
export type LintReply =
  | { id: number; findings: LintFinding[] }
  | { id: number; problem: 'noUpdate' | 'failed'; detail: string };

/** The lint of one request. */
function lintRequest(request: LintRequest): LintReply {
  try {
    const findings =
      request.kind === 'stack'
        ? lintStack(request.text, request.file)
        : lintScenario(request.text, loadScenario(request.text, request.file));
    return { id: request.id, findings };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { id: request.id, problem: /never updates a service's image/.test(detail) ? 'noUpdate' : 'failed', detail };
  }
}

/** The worker's global scope, as much of it as the lint uses (the page's TypeScript lib is the DOM's). */
const scope = self as unknown as {
  postMessage(reply: LintReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<LintRequest>) => void): void;
};

scope.addEventListener('message', (event) => scope.postMessage(lintRequest(event.data)));
