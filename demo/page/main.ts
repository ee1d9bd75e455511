// Entry point of the demo page: starts the training worker and connects the panels to it.
// The page only draws while the worker trains, so the page stays responsive.

import type { Settings, WorkerEvent, WorkerRequest, WorkerStatus } from '../protocol.js';
import { Controls } from './controls.js';
import { Curves } from './curves.js';
import { DataPanel } from './data-panel.js';
import { drawImage, element } from './dom.js';
import { Messages } from './messages.js';
import { ModelPanel } from './model-panel.js';
import { WalkPanel } from './walk-panel.js';

const messages = new Messages();
const fail = (text: string): void => messages.error(text);

window.addEventListener('error', (event) => fail(`unexpected error in the page: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => fail(`unexpected error in the page: ${String(event.reason)}`));

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const send = (request: WorkerRequest, transfer: Transferable[] = []): void => worker.postMessage(request, transfer);

const controls = new Controls(send, fail);
const curves = new Curves();
const data = new DataPanel((choice) => send({ type: 'data', choice }), fail);
const model = new ModelPanel(send, fail);
const walk = new WalkPanel(send);
const gridCanvas = element('grid-canvas', HTMLCanvasElement);
const statusFields = {
  state: element('status-state', HTMLElement),
  step: element('status-step', HTMLElement),
  speed: element('status-speed', HTMLElement),
  backend: element('status-backend', HTMLElement),
};

/** Texts of the worker states in the page header. */
const STATE_LABELS: Record<WorkerStatus['state'], string> = {
  loading: 'loading',
  empty: 'no model',
  idle: 'ready',
  training: 'training',
  paused: 'paused',
};

/** The skipped-backend reasons already shown, so each new selection reports them once. */
let shownSkipped = '';

/** The worker state of the previous status, to notice when training pauses or a model appears. */
let previousState: WorkerStatus['state'] | undefined;

function showStatus(status: WorkerStatus): void {
  statusFields.state.textContent = STATE_LABELS[status.state] + (status.state === 'loading' ? `: ${status.activity ?? ''}` : '');
  statusFields.step.textContent = status.step.toLocaleString('en');
  statusFields.speed.textContent = status.imagesPerSecond > 0 ? Math.round(status.imagesPerSecond).toLocaleString('en') : '–';
  document.body.dataset.state = status.state;
  if (status.backend !== undefined) {
    statusFields.backend.textContent = status.backend.name;
    statusFields.backend.title = status.backend.description;
    const { name, skipped } = status.backend;
    const reasons = skipped.map((s) => s.reason).join('\n');
    if (reasons !== shownSkipped) {
      shownSkipped = reasons;
      for (const s of skipped) messages.notice(`The page uses the ${name} backend. ${s.reason.charAt(0).toUpperCase()}${s.reason.slice(1)}`);
    }
  }
  controls.update(status);
  data.update(status.data);
  // The seeded samples follow the model whenever it stops changing.
  const settled = status.state === 'idle' || status.state === 'paused';
  if (settled && status.state !== previousState) model.requestSamples();
  previousState = status.state;
}

function onEvent(event: WorkerEvent): void {
  switch (event.type) {
    case 'status':
      return showStatus(event.status);
    case 'settings':
      return controls.write(event.settings);
    case 'metrics':
      return curves.add(event.points, event.reset);
    case 'grid':
      drawImage(gridCanvas, event.image);
      gridCanvas.dataset.updates = String(Number(gridCanvas.dataset.updates ?? '0') + 1);
      return;
    case 'walk':
      return walk.show(event.image, event.strip);
    case 'sample':
      return model.showSamples(event.image, event.seed, event.count);
    case 'checkpoint':
      return model.download(event.bytes, event.fileName);
    case 'notice':
      return messages.notice(event.message);
    case 'error':
      walk.release();
      return fail(event.message);
  }
}

worker.addEventListener('message', (event: MessageEvent<WorkerEvent>) => {
  try {
    onEvent(event.data);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
});
worker.addEventListener('error', (event) => fail(`the training worker failed: ${event.message || 'it could not start'}`));

const settings: Settings | null = controls.read();
if (settings !== null) send({ type: 'init', settings, backend: controls.backendRequest });
curves.requestDraw();
