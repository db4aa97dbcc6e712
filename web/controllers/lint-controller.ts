// The lint of an imported stack or scenario: runs it in a Web Worker, keeps its findings, opens a finding's proof run.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LintFinding, Scenario } from '../../src/browser.js';
import type { LintReply, LintRequest } from '../lab/lint-worker.js';
import { onDemand } from '../on-demand.js';
import { loadYaml } from '../yaml-on-demand.js';
import type { LintState } from './lint-state.js';

/** The lint panel's element, fetched with the first lint (the page's first load has no lint to show). */
const loadLintPanel = onDemand(() => import('../components/swarm-lint.js'));

export class LintController implements ReactiveController {
  state: LintState = { kind: 'none' };
  private worker: Worker | null = null;
  private lastId = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Lints a file just imported (a trace has no policy: the panel is cleared); a newer import supersedes it. */
  lint(kind: LintRequest['kind'] | 'trace', text: string, file: string): void {
    if (kind === 'trace') {
      this.state = { kind: 'none' };
      this.host.requestUpdate();
      return;
    }
    loadLintPanel().catch(() => undefined); // a failed fetch is announced (on-demand.ts); the next lint fetches again
    const request: LintRequest = { id: ++this.lastId, kind, text, file };
    this.state = { kind: 'running', file };
    this.host.requestUpdate();
    this.workerFor().postMessage(request);
  }

  /** The finding's proof as a scenario (cluster, images, steps) named as the CLI saves it, to run as the session. */
  async proofScenario(finding: LintFinding): Promise<Scenario | null> {
    if (!finding.proof) return null;
    await loadYaml();
    const { loadScenario } = await import('../../src/browser-on-demand.js');
    return loadScenario(finding.proof.scenario, `lint-${finding.ruleId}-${finding.service}.yaml`);
  }

  private workerFor(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../lab/lint-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<LintReply>) => this.receive(e.data));
    // The worker itself failed (its script did not load): the panel says the lint failed.
    worker.addEventListener('error', () => {
      if (this.state.kind === 'running') this.state = { kind: 'failed', file: this.state.file };
      this.worker?.terminate();
      this.worker = null;
      this.host.requestUpdate();
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: LintReply): void {
    if (reply.id !== this.lastId || this.state.kind !== 'running') return;
    const { file } = this.state;
    this.state = 'findings' in reply ? { kind: 'done', file, findings: reply.findings } : { kind: reply.problem, file };
    this.host.requestUpdate();
  }
}
