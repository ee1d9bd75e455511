// Entry point of the training worker: runs the page's requests one after another, and turns
// each failed request into an error message for the page, so that the worker goes on.

import type { WorkerEvent, WorkerRequest } from '../protocol.js';
import { Session } from './session.js';

/** The parts of the dedicated worker scope used here, because the DOM typings do not describe workers. */
interface WorkerScope {
  postMessage(message: WorkerEvent, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  onunhandledrejection: ((event: PromiseRejectionEvent) => void) | null;
}

const scope = self as unknown as WorkerScope;
const session = new Session((event, transfer = []) => scope.postMessage(event, transfer));
let queue: Promise<void> = Promise.resolve();

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      return session.init(request.settings, request.backend);
    case 'data':
      return session.chooseData(request.choice);
    case 'start':
      return session.start();
    case 'pause':
      return session.pause();
    case 'step':
      return session.step(request.which);
    case 'reset':
      return session.reset(request.settings);
    case 'live-settings':
      return session.liveSettings(request.settings);
    case 'backend':
      return session.switchBackend(request.request);
    case 'walk':
      return session.walkTo(request.position);
    case 'walk-endpoints':
      return session.newWalk();
    case 'sample':
      return session.sample(request.seed, request.count);
    case 'save':
      return session.save();
    case 'load-model':
      return session.loadModel(request.name, request.bytes);
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  // Pausing must not wait behind a slow request such as decoding a folder of photos.
  if (request.type === 'pause') {
    session.pause();
    return;
  }
  queue = queue.then(async () => {
    try {
      await handle(request);
    } catch (error) {
      scope.postMessage({ type: 'error', message: describe(error) }, []);
    }
  });
};

scope.onunhandledrejection = (event) => {
  scope.postMessage({ type: 'error', message: `internal error in the training worker: ${describe(event.reason)}` }, []);
};
