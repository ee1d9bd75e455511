// The browser-safe part of the public API: everything here runs in Node and in browsers.

export type { Activation, ActivationKind, AdamParams, Backend, BackendName, DenseShape, MatmulShape, Tensor } from './backend/types.js';
export { selectBackend, probeBackends, parseBackendRequest } from './backend/registry.js';
export type { BackendLoader, BackendRequest, BackendSelection, SkippedBackend } from './backend/registry.js';
export { createTsBackend } from './backend/ts/index.js';
export {
  defaultDiscriminatorConfig,
  defaultGeneratorConfig,
  imageSize,
  DEFAULT_LATENT_SIZE,
  DEFAULT_LEAKY_SLOPE,
} from './nn/architecture.js';
export type { DiscriminatorConfig, GeneratorConfig, ImageShape } from './nn/architecture.js';
export { Mlp } from './nn/mlp.js';
export type { LayerSpec } from './nn/mlp.js';
export { Discriminator, Generator, createDiscriminator, createGenerator } from './nn/networks.js';
export { Rng } from './random/rng.js';
export type { RngState } from './random/rng.js';
export { DEFAULT_TRAIN_OPTIONS, resolveTrainOptions } from './train/options.js';
export type { GeneratorLoss, OptimizerKind, TrainOptions } from './train/options.js';
export { Trainer, TrainingDivergedError, generateImages } from './train/trainer.js';
export type { StepMetrics, TrainerConfig, TrainerSnapshot } from './train/trainer.js';
export type { TrainingImages } from './train/batch-sampler.js';
export { GRID_SAMPLES, gridLatents, sampleLatents } from './train/latents.js';
export { CheckpointError, decodeCheckpoint, encodeCheckpoint, isInkImage, outputRange } from './checkpoint/checkpoint.js';
export { decodeSafetensors, encodeSafetensors } from './checkpoint/safetensors.js';
export { renderGrid } from './image/png-grid.js';
export type { GridOptions } from './image/png-grid.js';
export { renderLineChart } from './image/line-chart.js';
