// A ReactiveController that keeps a component's `width` equal to its rendered width (ResizeObserver, ±2 px ignored).
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type WidthHost = ReactiveControllerHost & HTMLElement & { width: number };

export class WidthController implements ReactiveController {
  private observer: ResizeObserver | null = null;

  constructor(private readonly host: WidthHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0].contentRect.width);
      if (width > 0 && Math.abs(width - this.host.width) > 2) this.host.width = width;
    });
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
