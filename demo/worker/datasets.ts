// The worker's training images: the bundled emoji or the learner's own files, decoded and
// prepared at the image size of the model, with one prepared copy kept per size.

import { loadImageFiles, type ImageSet } from '../../src/browser/index.js';
import type { ChosenFile, DataChoice } from '../protocol.js';
import { readPack } from './bundled-pack.js';

/** The bundled dataset pack, written next to the worker bundle by the demo build. */
const PACK_FILE = 'emoji.pack';
/** The checkpoint `dataset` entry of the bundled images, as the CLI writes it. */
const BUNDLED_DATASET = 'bundled';

export type Progress = (activity: string) => void;

interface LoadedChoice {
  files: ChosenFile[];
  /** Stored in checkpoints as `dataset`, so that `pixelgan train --resume` finds the data. */
  dataset: string;
  name: string;
  prepared: Map<number, ImageSet>;
}

export class DataStore {
  private current: LoadedChoice | null = null;

  get dataset(): string | undefined {
    return this.current?.dataset;
  }

  /**
   * Loads a new choice of images at `size`. The previous choice stays in use when this one
   * fails, so a bad file never loses the data being trained on.
   */
  async choose(choice: DataChoice, size: number, progress: Progress): Promise<ImageSet> {
    const loaded: LoadedChoice =
      choice.kind === 'bundled'
        ? { files: await fetchBundled(progress), dataset: BUNDLED_DATASET, name: 'emoji (bundled)', prepared: new Map() }
        : { files: choice.files, dataset: choice.label, name: choice.label, prepared: new Map() };
    const images = await prepare(loaded, size, progress);
    this.current = loaded;
    return images;
  }

  /** Returns the current images at `size`, decoding them again when that size is new. */
  async at(size: number, progress: Progress): Promise<ImageSet> {
    if (this.current === null) throw new Error('no training images are loaded yet; choose the bundled dataset or your own images');
    return prepare(this.current, size, progress);
  }
}

async function prepare(choice: LoadedChoice, size: number, progress: Progress): Promise<ImageSet> {
  const cached = choice.prepared.get(size);
  if (cached !== undefined) return cached;
  const images = await loadImageFiles(choice.files, {
    size,
    onProgress: (done, total) => progress(`decoding images at ${size}x${size}: ${done} of ${total}`),
  });
  const named = { ...images, name: choice.name };
  choice.prepared.set(size, named);
  return named;
}

async function fetchBundled(progress: Progress): Promise<ChosenFile[]> {
  progress('downloading the bundled dataset from this page\'s server');
  const url = new URL(PACK_FILE, import.meta.url);
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`cannot load the bundled dataset: ${url.href} returned HTTP ${response.status}; rebuild the demo with npm run demo`);
  }
  return readPack(await response.arrayBuffer());
}
