// The generator G and the discriminator D: fully connected networks built from their configs.

import type { Backend, Tensor } from '../backend/types.js';
import type { Rng } from '../random/rng.js';
import { discriminatorLayers, generatorLayers, type DiscriminatorConfig, type GeneratorConfig } from './architecture.js';
import { Mlp } from './mlp.js';

/** G: latent vectors z [rows, latentSize] -> images [rows, width * height * channels]. */
export class Generator extends Mlp {
  constructor(
    backend: Backend,
    readonly config: GeneratorConfig,
  ) {
    super(backend, generatorLayers(config));
  }

  /** Generates images [rows, imageSize] from z [rows, latentSize]; see `Mlp.forward` for lifetime. */
  generate(z: Tensor, rows: number): Tensor {
    return this.forward(z, rows);
  }
}

/** D: images [rows, imageSize] -> logits [rows, 1]; the probability of "real" is sigmoid(logit). */
export class Discriminator extends Mlp {
  constructor(
    backend: Backend,
    readonly config: DiscriminatorConfig,
  ) {
    super(backend, discriminatorLayers(config));
  }

  /** Returns logits [rows, 1]; see `Mlp.forward` for lifetime. */
  logits(images: Tensor, rows: number): Tensor {
    return this.forward(images, rows);
  }
}

/** Builds G and initializes its weights from `rng`. */
export function createGenerator(backend: Backend, config: GeneratorConfig, rng: Rng): Generator {
  const g = new Generator(backend, config);
  g.initialize(rng);
  return g;
}

/** Builds D and initializes its weights from `rng`. */
export function createDiscriminator(backend: Backend, config: DiscriminatorConfig, rng: Rng): Discriminator {
  const d = new Discriminator(backend, config);
  d.initialize(rng);
  return d;
}
