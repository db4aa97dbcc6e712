// Files in and out of the page: import (input or drop) of a trace or scenario, two traces side by side, trace export.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../i18n/messages.js';
import { onDemand } from '../on-demand.js';
import type { ImportError } from '../session/import-file.js';
import type { LintController } from './lint-controller.js';
import type { Notice, SessionController } from './session-controller.js';
import type { TabsController } from './tabs-controller.js';

type FilesHost = ReactiveControllerHost & HTMLElement;

// The readers and their validators load on the first import: the page opens without them. A reader that could not be
// fetched is announced as such (on-demand.ts), not as a refused file.
const loadPairReader = onDemand(() => import('../lab/compare.js'));
const loadFileReader = onDemand(() => import('../session/import-file.js'));
const loadExports = onDemand(() => import('../../src/browser-on-demand.js'));

export class FilesController implements ReactiveController {
  constructor(
    private readonly host: FilesHost,
    private readonly sessions: SessionController,
    private readonly tabs: TabsController,
    private readonly say: (notice: Notice) => void,
    private readonly lint: LintController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('dragover', this.onDragOver);
    this.host.addEventListener('dragleave', this.onDragLeave);
    this.host.addEventListener('drop', this.onDrop);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('dragover', this.onDragOver);
    this.host.removeEventListener('dragleave', this.onDragLeave);
    this.host.removeEventListener('drop', this.onDrop);
  }

  private readonly onDragOver = (event: DragEvent) => {
    event.preventDefault();
    this.host.toggleAttribute('dragging', true);
  };

  private readonly onDragLeave = (event: DragEvent) => {
    if (event.target === this.host) this.host.toggleAttribute('dragging', false);
  };

  private readonly onDrop = (event: DragEvent) => {
    this.host.toggleAttribute('dragging', false);
    event.preventDefault();
    void this.importFiles([...(event.dataTransfer?.files ?? [])]);
  };

  /** One file is imported; two trace files open side by side in the compare tab. */
  async importFiles(files: File[]): Promise<void> {
    if (files.length < 2) return files[0] ? this.importFile(files[0]) : undefined;
    const reader = await loadPairReader().catch(() => null);
    if (!reader) return;
    try {
      const { readTracePair } = reader;
      this.tabs.showCompared(await readTracePair(files));
      this.say({ kind: 'ok', text: `${t('imported')} ${files.map((f) => f.name).join(', ')}` });
    } catch (err) {
      this.say({ kind: 'error', text: `${t('importError')} ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** Imports a file; a bad file leaves the session as it was and says why. */
  private async importFile(file: File): Promise<void> {
    const reader = await loadFileReader().catch(() => null);
    if (!reader) return;
    try {
      const imported = await reader.readImportFile(file);
      if (imported.kind === 'trace') this.sessions.openTrace(imported.trace, imported.trace.scenario);
      else {
        this.sessions.lesson = null;
        this.sessions.startScenario(
          imported.scenario,
          imported.scenario.steps.length,
          undefined,
          imported.kind === 'scenario' ? imported.text : undefined,
        );
      }
      this.say({ kind: 'ok', text: `${t('imported')} ${file.name}` });
      // A stack or scenario file is linted (in a worker: its proofs are simulated runs); a trace clears the panel.
      if (imported.kind === 'trace') this.lint.lint('trace', '', file.name);
      else if (imported.kind === 'scenario') this.lint.lint('scenario', imported.text, file.name);
      else this.lint.lint('stack', Object.values(imported.scenario.files)[0] ?? '', file.name);
    } catch (err) {
      this.say(refusal(err));
    }
  }

  /** Downloads the trace shown as `<scenario>.json`. */
  exportTrace(): void {
    const trace = this.sessions.trace;
    if (!trace) return;
    download(`${trace.scenario || 'trace'}.json`, `${JSON.stringify(trace, null, 2)}\n`, 'application/json');
  }

  /** Whether the JUnit export fits: the session's scenario has an `expect:` block to check. */
  canExportJUnit(): boolean {
    return this.sessions.trace !== null && this.sessions.scenario?.expect !== undefined;
  }

  /**
   * Downloads the trace shown for another tool (what `swarmlab export --to FORMAT` writes); the formats are fetched
   * once.
   */
  async exportFor(format: 'perfetto' | 'docker-events' | 'junit'): Promise<void> {
    const trace = this.sessions.trace;
    const scenario = this.sessions.scenario;
    if (!trace) return;
    let formats: Awaited<ReturnType<typeof loadExports>>;
    try {
      formats = await loadExports();
    } catch {
      return; // not fetched: the page says so (on-demand.ts)
    }
    const { formatDockerEvents, formatPerfetto, scenarioSuite, toJUnit } = formats;
    const name = trace.scenario || 'trace';
    if (format === 'perfetto') download(`${name}.perfetto.json`, formatPerfetto(trace), 'application/json');
    else if (format === 'docker-events')
      download(`${name}.events.jsonl`, formatDockerEvents(trace), 'application/x-ndjson');
    else if (scenario?.expect)
      download(`${name}.junit.xml`, toJUnit([scenarioSuite(scenario, trace, true)]), 'application/xml');
  }
}

/**
 * A refused import, said in the page's language (again after a switch, when the reader gave both). The reader's
 * ImportError is known by its shape: a class import would load the reader with the page.
 */
function refusal(err: unknown): Notice {
  const reason = () =>
    typeof (err as Partial<ImportError> | null)?.text === 'function' ? (err as ImportError).text() : errorText(err);
  const text = () => `${t('importError')} ${reason()}`;
  return { kind: 'error', text: text(), live: text };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

function download(fileName: string, text: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}
