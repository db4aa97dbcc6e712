// Bridges the replay actor into a Lit host: re-renders on every snapshot, drives TICKs with requestAnimationFrame while
// playing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type Actor, createActor } from 'xstate';
import { type ReplayEvent, replayMachine, type Speed } from './replay-machine.js';

export class ReplayController implements ReactiveController {
  readonly actor: Actor<typeof replayMachine> = createActor(replayMachine);
  private frame = 0;
  private lastWallMs: number | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const subscription = this.actor.subscribe(() => {
      this.onChange();
      this.host.requestUpdate();
      this.schedule();
    });
    this.unsubscribe = () => subscription.unsubscribe();
    this.actor.start();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    cancelAnimationFrame(this.frame);
    this.actor.stop();
  }

  get cursorMs(): number {
    return this.actor.getSnapshot().context.cursorMs;
  }

  get durationMs(): number {
    return this.actor.getSnapshot().context.durationMs;
  }

  get speed(): Speed {
    return this.actor.getSnapshot().context.speed;
  }

  get playing(): boolean {
    return this.actor.getSnapshot().matches('playing');
  }

  send(event: ReplayEvent): void {
    this.actor.send(event);
  }

  private schedule(): void {
    if (!this.playing) {
      this.lastWallMs = null;
      return;
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame((wallMs) => {
      this.frame = 0;
      const last = this.lastWallMs ?? wallMs;
      this.lastWallMs = wallMs;
      // A background tab or a long frame must not jump far: at most 100 ms of wall time per tick.
      this.actor.send({ type: 'TICK', wallMs: Math.min(100, Math.max(0, wallMs - last)) });
      this.schedule();
    });
  }
}
