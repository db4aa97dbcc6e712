// The outcome atlas's Web Worker: explores the scenario the page sends, a few runs at a time, so the page stays
// responsive.
import { type AtlasReply, type AtlasRequest, AtlasWorker } from './atlas-protocol.js';

/** The worker's global scope, as much of it as the atlas uses (the page's TypeScript lib is the DOM's). */
const scope = self as unknown as {
  postMessage(reply: AtlasReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AtlasRequest>) => void): void;
};

/** The next step as a new task: a stop posted meanwhile is handled first. */
const later = (next: () => void) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => next();
  channel.port2.postMessage(null);
};

const worker = new AtlasWorker((reply) => scope.postMessage(reply), later);
scope.addEventListener('message', (event) => worker.receive(event.data));
