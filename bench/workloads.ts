// The two training workloads that the benchmark times, in pixelgan and in PyTorch.
//
// Both are the default fully connected GAN for their image size: G z -> hidden -> image with
// LeakyReLU(0.2) and tanh, D image -> hidden -> 1 logit with LeakyReLU(0.2), batch 64, Adam
// with betas (0.5, 0.999), one D step per G step.

import {
  defaultDiscriminatorConfig,
  defaultGeneratorConfig,
  discriminatorLayers,
  generatorLayers,
  type ImageShape,
} from '../src/nn/architecture.js';
import type { LayerSpec } from '../src/nn/mlp.js';

export type WorkloadId = 'seed-768' | 'seed-3072';

export interface Workload {
  id: WorkloadId;
  /** Length of the latent vector z. */
  latentSize: number;
  /** Width of the one hidden layer of G and of D. */
  hidden: number;
  image: ImageShape;
  /** Real and generated images per D step, and generated images per G step. */
  batchSize: number;
}

const BATCH_SIZE = 64;
const LATENT_SIZE = 100;

/** G 100 -> 768 -> 768, D 768 -> 768 -> 1: 16x16 RGB images. */
export const SEED_768: Workload = {
  id: 'seed-768',
  latentSize: LATENT_SIZE,
  hidden: 768,
  image: { width: 16, height: 16, channels: 3 },
  batchSize: BATCH_SIZE,
};

/** G 100 -> 1,024 -> 3,072, D 3,072 -> 1,024 -> 1: 32x32 RGB images. */
export const SEED_3072: Workload = {
  id: 'seed-3072',
  latentSize: LATENT_SIZE,
  hidden: 1024,
  image: { width: 32, height: 32, channels: 3 },
  batchSize: BATCH_SIZE,
};

export const WORKLOADS: readonly Workload[] = [SEED_768, SEED_3072];

/** Values per image: width * height * channels. */
export function pixelsPerImage(workload: Workload): number {
  const { width, height, channels } = workload.image;
  return width * height * channels;
}

/** Returns the layers of G and D exactly as `Trainer.create` builds them for this workload. */
export function workloadLayers(workload: Workload): { generator: LayerSpec[]; discriminator: LayerSpec[] } {
  const generator = defaultGeneratorConfig(workload.image, { latentSize: workload.latentSize, hidden: [workload.hidden] });
  const discriminator = defaultDiscriminatorConfig(workload.image, { hidden: [workload.hidden] });
  return { generator: generatorLayers(generator), discriminator: discriminatorLayers(discriminator) };
}
