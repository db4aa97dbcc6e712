// Replay keys on the whole page: space plays and pauses, the arrows step between events (not in a field, nor on a
// control
// where the key has its own meaning: space presses a focused button or opens a summary; ← → scroll a cut box sideways).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReplayController } from './replay-controller.js';

/** Elements on which space and the arrows act on the element itself. */
const OWN_KEYS = ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY', 'A', 'OPTION'];

/** A focused box cut on its right (a wide ps table, a long console line): ← → scroll it, as the browser does. */
const scrollsSideways = (box: HTMLElement): boolean =>
  box.scrollWidth > box.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(box).overflowX);

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
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (target && OWN_KEYS.includes(target.tagName)) return;
    if (target?.isContentEditable || target?.closest?.('[role=tablist], [role=listbox], [role=grid]')) return;
    if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && target && scrollsSideways(target)) return;
    if (event.key === ' ') this.replay.send({ type: 'TOGGLE' });
    else if (event.key === 'ArrowRight') this.replay.send({ type: 'STEP_NEXT' });
    else if (event.key === 'ArrowLeft') this.replay.send({ type: 'STEP_PREV' });
    else return;
    event.preventDefault();
  };
}
