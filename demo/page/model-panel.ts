// The model panel: download the model as a checkpoint file, load one, and show the samples
// for a seed that `pixelgan sample` gives for the same file in Node.

import type { PageImage, WorkerRequest } from '../protocol.js';
import { drawImage, element } from './dom.js';

/** Images in the seeded sample grid, as in the command shown next to it. */
export const SAMPLE_COUNT = 16;
/** The checkpoint file name used in the shown command before a model is downloaded or loaded. */
const DEFAULT_FILE_NAME = 'FILE';

export class ModelPanel {
  private readonly seed = element('sample-seed', HTMLInputElement);
  private readonly command = element('sample-command', HTMLElement);
  private readonly canvas = element('sample-canvas', HTMLCanvasElement);
  private fileName = DEFAULT_FILE_NAME;

  constructor(
    private readonly send: (request: WorkerRequest, transfer?: Transferable[]) => void,
    private readonly fail: (message: string) => void,
  ) {
    element('save-model', HTMLButtonElement).addEventListener('click', () => send({ type: 'save' }));
    const input = element('load-model', HTMLInputElement);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file !== undefined) this.load(file).catch((error: unknown) => fail(`cannot read ${file.name}: ${String(error)}`));
    });
    element('sample', HTMLButtonElement).addEventListener('click', () => this.requestSamples());
    this.seed.addEventListener('change', () => this.requestSamples());
  }

  /** Asks the worker for the samples of the seed in the form. */
  requestSamples(): void {
    const seed = Number(this.seed.value);
    if (!Number.isSafeInteger(seed) || seed < 0) {
      this.fail(`Sample seed must be a whole number of at least 0, got "${this.seed.value}"`);
      return;
    }
    this.send({ type: 'sample', seed, count: SAMPLE_COUNT });
  }

  showSamples(image: PageImage, seed: number, count: number): void {
    drawImage(this.canvas, image);
    this.canvas.dataset.seed = String(seed);
    this.command.textContent = `pixelgan sample --checkpoint ${this.fileName} --n ${count} --seed ${seed}`;
  }

  /** Saves the worker's checkpoint bytes through the browser's download. */
  download(bytes: ArrayBuffer, fileName: string): void {
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
    // The download has its own reference to the blob once it started.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.fileName = fileName;
  }

  private async load(file: File): Promise<void> {
    const bytes = await file.arrayBuffer();
    this.fileName = file.name;
    this.send({ type: 'load-model', name: file.name, bytes }, [bytes]);
  }
}
