// Messages between the demo page and its training worker. The worker owns the data, the
// backend and the trainer. The page only sends requests and draws what the worker reports.

import type { GeneratorLoss } from '../src/browser/index.js';

/** Options the learner can change while training, without losing the model. */
export interface LiveSettings {
  lrG: number;
  lrD: number;
  dStepsPerGStep: number;
  generatorLoss: GeneratorLoss;
}

/** Options that build a new model, so they take effect on reset. */
export interface ModelSettings {
  /** Image width and height in pixels. */
  size: number;
  seed: number;
  batchSize: number;
}

export type Settings = LiveSettings & ModelSettings;

/** An 8-bit RGBA image for a canvas: `rgba` is [height, width, 4]. */
export interface PageImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** A file chosen or dropped in the page. `name` is its path inside a chosen folder. */
export interface ChosenFile {
  name: string;
  blob: Blob;
}

export type DataChoice = { kind: 'bundled' } | { kind: 'files'; files: ChosenFile[]; label: string };

export type WorkerRequest =
  | { type: 'init'; settings: Settings; backend: string }
  | { type: 'data'; choice: DataChoice }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'step'; which: 'discriminator' | 'generator' }
  | { type: 'reset'; settings: Settings }
  | { type: 'live-settings'; settings: LiveSettings }
  | { type: 'backend'; request: string }
  | { type: 'walk'; position: number }
  | { type: 'walk-endpoints' }
  | { type: 'sample'; seed: number; count: number }
  | { type: 'save' }
  | { type: 'load-model'; name: string; bytes: ArrayBuffer };

/** One point of the charts: the metrics after a D or G update. */
export interface MetricPoint {
  step: number;
  lossD: number;
  lossG: number;
  realProbability: number;
  fakeProbability: number;
}

export interface WorkerStatus {
  /** 'empty' until a model exists, e.g. when the bundled images could not load. */
  state: 'loading' | 'empty' | 'idle' | 'training' | 'paused';
  /** Description of the task in progress while state is 'loading'. */
  activity?: string;
  /** The active backend, and the reason each backend tried before it failed to load. */
  backend?: { name: string; description: string; skipped: { name: string; reason: string }[] };
  data?: { name: string; count: number; size: number; skipped: { file: string; reason: string }[] };
  /** G updates so far. */
  step: number;
  /** Training images per second over the last seconds of training: G steps x batch size / seconds. */
  imagesPerSecond: number;
  /** "G 100-768-768, D 768-768-1" */
  architecture?: string;
}

export type WorkerEvent =
  | { type: 'status'; status: WorkerStatus }
  | { type: 'settings'; settings: Settings }
  | { type: 'metrics'; points: MetricPoint[]; reset: boolean }
  | { type: 'grid'; image: PageImage }
  | { type: 'walk'; image: PageImage; strip: PageImage; position: number }
  | { type: 'sample'; image: PageImage; seed: number; count: number }
  | { type: 'checkpoint'; bytes: ArrayBuffer; fileName: string }
  | { type: 'notice'; message: string }
  | { type: 'error'; message: string };
