// Replay keys on the whole page: space plays and pauses, the arrows step between events (not while typing in a field).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReplayController } from './replay-controller.js';

export class KeysController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly replay: ReplayController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('keydown', this.onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKey);
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement | undefined;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.key === ' ') this.replay.send({ type: 'TOGGLE' });
    else if (event.key === 'ArrowRight') this.replay.send({ type: 'STEP_NEXT' });
    else if (event.key === 'ArrowLeft') this.replay.send({ type: 'STEP_PREV' });
    else return;
    event.preventDefault();
  };
}
