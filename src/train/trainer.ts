// Alternating GAN training: D steps with G held fixed, then a G step through a fixed D.

import type { Backend } from '../backend/types.js';
import {
  defaultDiscriminatorConfig,
  defaultGeneratorConfig,
  imageSize,
  type DiscriminatorConfig,
  type GeneratorConfig,
  type ImageShape,
} from '../nn/architecture.js';
import { createDiscriminator, createGenerator, type Discriminator, type Generator } from '../nn/networks.js';
import { Rng, type RngState } from '../random/rng.js';
import { BatchSampler, type TrainingImages } from './batch-sampler.js';
import { GanGradients } from './gan-gradients.js';
import { resolveTrainOptions, type TrainOptions } from './options.js';
import { Optimizer, type OptimizerSnapshot } from './optimizer.js';

export interface StepMetrics {
  /** G updates completed, counting this one. */
  step: number;
  lossD: number;
  lossG: number;
  /** Mean D(x) on the last real batch. */
  realProbability: number;
  /** Mean D(G(z)) on the last generated batch D was trained on. */
  fakeProbability: number;
}

export interface TrainerConfig {
  backend: Backend;
  data: TrainingImages;
  generator?: Partial<Omit<GeneratorConfig, 'image'>>;
  discriminator?: Partial<Omit<DiscriminatorConfig, 'image'>>;
  options?: Partial<TrainOptions>;
}

/** Everything needed to continue a run exactly where it stopped. */
export interface TrainerSnapshot {
  generatorConfig: GeneratorConfig;
  discriminatorConfig: DiscriminatorConfig;
  options: TrainOptions;
  step: number;
  rngState: RngState;
  /** Real images drawn so far; fixes the position in the shuffled batch order. */
  samplesSeen: number;
  generatorParams: Float32Array;
  discriminatorParams: Float32Array;
  generatorOptimizer: OptimizerSnapshot;
  discriminatorOptimizer: OptimizerSnapshot;
  /** Source of the training images as given to `loadDataset`, or 'bundled' for the default set. */
  dataset?: string;
}

/** Thrown when a loss becomes NaN or infinite; the weights are then not trustworthy. */
export class TrainingDivergedError extends Error {
  constructor(step: number, what: string, value: number) {
    super(`${what} became ${value} at step ${step}: training diverged. Lower the learning rates of G and D`);
    this.name = 'TrainingDivergedError';
  }
}

function shapeOf(data: TrainingImages): ImageShape {
  return { width: data.width, height: data.height, channels: data.channels };
}

export class Trainer {
  readonly generator: Generator;
  readonly discriminator: Discriminator;
  readonly options: TrainOptions;
  private readonly gradients: GanGradients;
  private readonly sampler: BatchSampler;
  private readonly generatorOptimizer: Optimizer;
  private readonly discriminatorOptimizer: Optimizer;
  private readonly realHost: Float32Array;
  private readonly latentHost: Float32Array;
  private rng: Rng;
  private last: StepMetrics;

  /** Builds fresh networks for `data` and initializes them from the seed. */
  constructor(
    readonly backend: Backend,
    readonly data: TrainingImages,
    generatorConfig: GeneratorConfig,
    discriminatorConfig: DiscriminatorConfig,
    options: TrainOptions,
  ) {
    const image = shapeOf(data);
    for (const config of [generatorConfig, discriminatorConfig]) {
      if (imageSize(config.image) !== imageSize(image)) {
        throw new RangeError(`the network is built for ${describeShape(config.image)} images but the data has ${describeShape(image)} images`);
      }
    }
    this.options = options;
    this.rng = new Rng(options.seed);
    this.generator = createGenerator(backend, generatorConfig, this.rng);
    this.discriminator = createDiscriminator(backend, discriminatorConfig, this.rng);
    this.gradients = new GanGradients(backend, this.generator, this.discriminator, options.batchSize, options.generatorLoss);
    this.sampler = new BatchSampler(data, options.seed);
    this.generatorOptimizer = new Optimizer(backend, this.generator.paramCount, options.lrG, options);
    this.discriminatorOptimizer = new Optimizer(backend, this.discriminator.paramCount, options.lrD, options);
    this.realHost = new Float32Array(options.batchSize * imageSize(image));
    this.latentHost = new Float32Array(options.batchSize * generatorConfig.latentSize);
    this.last = { step: 0, lossD: NaN, lossG: NaN, realProbability: NaN, fakeProbability: NaN };
  }

  /** Returns the full configs that `create` would use, with defaults for everything left out. */
  static resolveConfig(config: Omit<TrainerConfig, 'backend'>): { generator: GeneratorConfig; discriminator: DiscriminatorConfig; options: TrainOptions } {
    if (config.data === undefined || config.data === null) throw new TypeError('Trainer needs `data`: an image set from loadDataset or of the same shape');
    const image = shapeOf(config.data);
    // Images in [0, 1] (the toy set) need a sigmoid output; images in [-1, 1] need tanh.
    const outputActivation = config.data.range[0] >= 0 ? 'sigmoid' : 'tanh';
    return {
      generator: defaultGeneratorConfig(image, { outputActivation, ...config.generator }),
      discriminator: defaultDiscriminatorConfig(image, { ...config.discriminator }),
      options: resolveTrainOptions(config.options),
    };
  }

  /** Builds a trainer with defaults for everything `config` leaves out. */
  static create(config: TrainerConfig): Trainer {
    const resolved = Trainer.resolveConfig(config);
    return new Trainer(config.backend, config.data, resolved.generator, resolved.discriminator, resolved.options);
  }

  /** Rebuilds a trainer from a snapshot, so that training continues as if it had not stopped. */
  static restore(backend: Backend, data: TrainingImages, snapshot: TrainerSnapshot): Trainer {
    const trainer = new Trainer(backend, data, snapshot.generatorConfig, snapshot.discriminatorConfig, resolveTrainOptions(snapshot.options));
    trainer.generator.writeParams(snapshot.generatorParams);
    trainer.discriminator.writeParams(snapshot.discriminatorParams);
    trainer.generatorOptimizer.restore(snapshot.generatorOptimizer);
    trainer.discriminatorOptimizer.restore(snapshot.discriminatorOptimizer);
    trainer.rng = Rng.fromState(snapshot.rngState);
    trainer.sampler.position = snapshot.samplesSeen;
    trainer.last = { ...trainer.last, step: snapshot.step };
    return trainer;
  }

  get step(): number {
    return this.last.step;
  }

  /** The metrics of the latest D and G updates. */
  get metrics(): StepMetrics {
    return { ...this.last };
  }

  /** Runs one training iteration: `dStepsPerGStep` D updates, then one G update. */
  trainStep(): StepMetrics {
    for (let i = 0; i < this.options.dStepsPerGStep; i++) this.discriminatorStep();
    return this.generatorStep();
  }

  /** Runs one D update on a real batch and a generated batch, with G held fixed. */
  discriminatorStep(): StepMetrics {
    this.sampler.fill(this.realHost, this.options.batchSize); // [batch, imageSize]
    this.rng.fillNormal(this.latentHost); // [batch, latentSize]
    const result = this.gradients.discriminatorGradients(this.realHost, this.latentHost);
    if (!Number.isFinite(result.loss)) throw new TrainingDivergedError(this.last.step + 1, 'loss_D', result.loss);
    this.discriminatorOptimizer.apply(this.discriminator.params, this.discriminator.grads);
    this.last = { ...this.last, lossD: result.loss, realProbability: result.realProbability, fakeProbability: result.fakeProbability };
    return this.metrics;
  }

  /** Runs one G update through D, with D held fixed. Each G update counts as a step. */
  generatorStep(): StepMetrics {
    this.rng.fillNormal(this.latentHost); // [batch, latentSize]
    const result = this.gradients.generatorGradients(this.latentHost);
    const step = this.last.step + 1;
    if (!Number.isFinite(result.loss)) throw new TrainingDivergedError(step, 'loss_G', result.loss);
    this.generatorOptimizer.apply(this.generator.params, this.generator.grads);
    this.last = { ...this.last, step, lossG: result.loss };
    return this.metrics;
  }

  /** Generates images [count, imageSize] from latent vectors z [count, latentSize]. */
  generate(z: Float32Array, count: number): Float32Array {
    return generateImages(this.generator, z, count);
  }

  snapshot(): TrainerSnapshot {
    return {
      generatorConfig: this.generator.config,
      discriminatorConfig: this.discriminator.config,
      options: this.options,
      step: this.last.step,
      rngState: this.rng.state(),
      samplesSeen: this.sampler.position,
      generatorParams: this.generator.readParams(),
      discriminatorParams: this.discriminator.readParams(),
      generatorOptimizer: this.generatorOptimizer.snapshot(),
      discriminatorOptimizer: this.discriminatorOptimizer.snapshot(),
    };
  }

  /** Frees the backend memory of both networks and the training buffers. */
  dispose(): void {
    this.gradients.dispose();
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
  }
}

/** Runs G on latent vectors z [count, latentSize] and returns the images [count, imageSize]. */
export function generateImages(generator: Generator, z: Float32Array, count: number): Float32Array {
  const latentSize = generator.config.latentSize;
  if (z.length !== count * latentSize) {
    throw new RangeError(`expected ${count} latent vectors of ${latentSize} values (${count * latentSize}), got ${z.length} values`);
  }
  const backend = generator.backend;
  const latent = backend.alloc(count * latentSize);
  try {
    backend.write(latent, z);
    return backend.read(generator.forward(latent, count)); // [count, imageSize]
  } finally {
    backend.free(latent);
  }
}

function describeShape(image: ImageShape): string {
  return `${image.width}x${image.height}x${image.channels}`;
}
