// A part of the page fetched on demand that could not be (offline, a redeployed site): the notice says so, FR / EN.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { t } from '../i18n/messages.js';
import { CHUNK_FAILED } from '../on-demand.js';
import type { Notice } from './session-controller.js';

export class ChunkNoticeController implements ReactiveController {
  private readonly onFailed = () => this.say({ kind: 'error', text: t('chunkFailed'), live: () => t('chunkFailed') });

  constructor(
    host: ReactiveControllerHost,
    private readonly say: (notice: Notice) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(CHUNK_FAILED, this.onFailed);
  }

  hostDisconnected(): void {
    window.removeEventListener(CHUNK_FAILED, this.onFailed);
  }
}
