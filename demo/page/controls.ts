// The training panel: buttons and settings. Settings that keep the model apply when changed.
// Image size, batch size and seed build a new model, so they apply on Reset.

import type { LiveSettings, Settings, WorkerRequest, WorkerStatus } from '../protocol.js';
import { element } from './dom.js';

type Send = (request: WorkerRequest) => void;

export class Controls {
  private readonly lrG = element('lr-g', HTMLInputElement);
  private readonly lrD = element('lr-d', HTMLInputElement);
  private readonly dSteps = element('d-steps', HTMLInputElement);
  private readonly generatorLoss = element('g-loss', HTMLSelectElement);
  private readonly backend = element('backend', HTMLSelectElement);
  private readonly size = element('size', HTMLSelectElement);
  private readonly batch = element('batch', HTMLInputElement);
  private readonly seed = element('seed', HTMLInputElement);
  private readonly start = element('start', HTMLButtonElement);
  private readonly pause = element('pause', HTMLButtonElement);
  private readonly stepButtons = [element('step-d', HTMLButtonElement), element('step-g', HTMLButtonElement)];
  private readonly architecture = element('architecture', HTMLParagraphElement);

  constructor(
    private readonly send: Send,
    private readonly fail: (message: string) => void,
  ) {
    this.start.addEventListener('click', () => send({ type: 'start' }));
    this.pause.addEventListener('click', () => send({ type: 'pause' }));
    element('step-d', HTMLButtonElement).addEventListener('click', () => send({ type: 'step', which: 'discriminator' }));
    element('step-g', HTMLButtonElement).addEventListener('click', () => send({ type: 'step', which: 'generator' }));
    element('reset', HTMLButtonElement).addEventListener('click', () => this.withSettings((settings) => send({ type: 'reset', settings })));
    for (const input of [this.lrG, this.lrD, this.dSteps, this.generatorLoss]) {
      input.addEventListener('change', () => this.withSettings((settings) => send({ type: 'live-settings', settings: liveOf(settings) })));
    }
    this.backend.addEventListener('change', () => send({ type: 'backend', request: this.backend.value }));
  }

  get backendRequest(): string {
    return this.backend.value;
  }

  /** Reads and checks the form. Returns null after showing an error when a value is invalid. */
  read(): Settings | null {
    const values = {
      lrG: positiveNumber('Learning rate of G', this.lrG.value),
      lrD: positiveNumber('Learning rate of D', this.lrD.value),
      dStepsPerGStep: integer('D steps per G step', this.dSteps.value, 1),
      size: integer('Image size', this.size.value, 1),
      batchSize: integer('Batch size', this.batch.value, 1),
      seed: integer('Seed', this.seed.value, 0),
    };
    const problem = Object.values(values).find((v): v is string => typeof v === 'string');
    if (problem !== undefined) {
      this.fail(`${problem}; the setting was not applied`);
      return null;
    }
    const generatorLoss = this.generatorLoss.value === 'minimax' ? 'minimax' : 'non-saturating';
    return { ...(values as Record<keyof typeof values, number>), generatorLoss };
  }

  /** Shows settings that the worker set, e.g. those of a loaded checkpoint. */
  write(settings: Settings): void {
    this.lrG.value = String(settings.lrG);
    this.lrD.value = String(settings.lrD);
    this.dSteps.value = String(settings.dStepsPerGStep);
    this.generatorLoss.value = settings.generatorLoss;
    if (![...this.size.options].some((option) => option.value === String(settings.size))) {
      this.size.add(new Option(`${settings.size} × ${settings.size} (from the loaded model)`, String(settings.size)));
    }
    this.size.value = String(settings.size);
    this.batch.value = String(settings.batchSize);
    this.seed.value = String(settings.seed);
  }

  update(status: WorkerStatus): void {
    const busy = status.state === 'loading';
    const ready = status.architecture !== undefined;
    this.start.disabled = busy || !ready || status.state === 'training';
    this.pause.disabled = status.state !== 'training';
    for (const button of this.stepButtons) button.disabled = busy || !ready || status.state === 'training';
    this.architecture.textContent = status.architecture === undefined ? '' : `Model: ${status.architecture} (fully connected).`;
  }

  private withSettings(use: (settings: Settings) => void): void {
    const settings = this.read();
    if (settings !== null) use(settings);
  }
}

function liveOf(settings: Settings): LiveSettings {
  const { lrG, lrD, dStepsPerGStep, generatorLoss } = settings;
  return { lrG, lrD, dStepsPerGStep, generatorLoss };
}

/** Returns the number, or a message naming the field when the text is not a positive number. */
function positiveNumber(label: string, text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : `${label} must be a positive number, got "${text}"`;
}

function integer(label: string, text: string, minimum: number): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isSafeInteger(value) && value >= minimum
    ? value
    : `${label} must be a whole number of at least ${minimum}, got "${text}"`;
}
