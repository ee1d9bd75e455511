// Builds the trainer for `pixelgan train`: a new one from the options, or a resumed one from a
// checkpoint, after checking that the options, the data and the model's size fit together.

import type { Backend } from '../backend/types.js';
import { outputRange } from '../checkpoint/checkpoint.js';
import { TOY_SPEC, type ImageSet } from '../data/index.js';
import { discriminatorLayers, generatorLayers, parameterCount, type DiscriminatorConfig, type GeneratorConfig } from '../nn/architecture.js';
import { Trainer, type TrainerSnapshot } from '../train/trainer.js';
import { UsageError } from './args.js';
import type { TrainCommandOptions } from './train-options.js';

/** Toy defaults: the classic setup, with small batches and a learning rate at which it converges in seconds. */
const TOY_DEFAULTS = { latentSize: 1, hidden: [] as number[], batchSize: 16, learningRate: 0.01 };
/**
 * Training memory per parameter: the weight, its gradient and Adam's two moments, 4 bytes each.
 * Activations add little next to that for these layer widths.
 */
const TRAINING_BYTES_PER_PARAMETER = 16;
/**
 * Largest model the CLI builds, in bytes of training memory (an estimate, see above). It also
 * keeps checkpoints (12 bytes per parameter) under the 4 GiB that one typed array can hold.
 */
const MAX_TRAINING_BYTES = 4 * 2 ** 30;

/** Fails with a UsageError naming each model or training option that a resumed run cannot change. */
export function rejectConflictingOptions(options: TrainCommandOptions, snapshot: TrainerSnapshot): void {
  const g = snapshot.generatorConfig;
  const conflicts: string[] = [];
  if (options.latentSize !== undefined && options.latentSize !== g.latentSize) conflicts.push(`--z-dim (checkpoint: ${g.latentSize})`);
  if (options.generatorHidden !== undefined && options.generatorHidden.join(',') !== g.hidden.join(',')) {
    conflicts.push(`--hidden (checkpoint: ${g.hidden.join(',') || 'none'})`);
  }
  const dHidden = snapshot.discriminatorConfig.hidden;
  if (options.discriminatorHidden !== undefined && options.discriminatorHidden.join(',') !== dHidden.join(',')) {
    conflicts.push(`--d-hidden (checkpoint: ${dHidden.join(',') || 'none'})`);
  }
  const flags: Record<string, string> = { batchSize: '--batch', seed: '--seed', dStepsPerGStep: '--d-steps', generatorLoss: '--g-loss' };
  for (const [key, flag] of Object.entries(flags) as [keyof typeof options.train, string][]) {
    const value = options.train[key];
    if (value !== undefined && value !== snapshot.options[key]) conflicts.push(`${flag} (checkpoint: ${String(snapshot.options[key])})`);
  }
  if (conflicts.length > 0) {
    throw new UsageError(`a resumed run keeps the checkpoint's model and training options (only --lr-g and --lr-d may change); remove ${conflicts.join(', ')}`);
  }
}

/** Fails unless the data's value range matches what the checkpoint's generator outputs. */
export function checkResumeData(snapshot: TrainerSnapshot, data: ImageSet): void {
  const expected = outputRange(snapshot.generatorConfig);
  if (data.range[0] !== expected[0] || data.range[1] !== expected[1]) {
    throw new UsageError(
      `${data.name} has values in [${data.range}] but the checkpoint's generator outputs [${expected}]; ` +
        'resume with the dataset the run was trained on',
    );
  }
}

function checkModelSize(generator: GeneratorConfig, discriminator: DiscriminatorConfig): number {
  const parameters = parameterCount(generatorLayers(generator)) + parameterCount(discriminatorLayers(discriminator));
  const bytes = parameters * TRAINING_BYTES_PER_PARAMETER;
  if (bytes > MAX_TRAINING_BYTES) {
    throw new UsageError(
      `this model has ${formatCount(parameters)} parameters and would need about ${formatBytes(bytes)} to train ` +
        `(at most ${formatBytes(MAX_TRAINING_BYTES)}); use a smaller --size or narrower --hidden and --d-hidden`,
    );
  }
  return parameters;
}

/** Builds a new trainer, or restores the checkpoint's with any learning rates the options give. */
export function buildTrainer(backend: Backend, data: ImageSet, options: TrainCommandOptions, snapshot: TrainerSnapshot | undefined): Trainer {
  if (snapshot !== undefined) {
    const { lrG, lrD } = options.train;
    const changed = { ...snapshot.options, ...(lrG !== undefined ? { lrG } : {}), ...(lrD !== undefined ? { lrD } : {}) };
    return Trainer.restore(backend, data, { ...snapshot, options: changed });
  }
  const isToy = options.data === TOY_SPEC;
  const toyTraining = isToy ? { batchSize: TOY_DEFAULTS.batchSize, lrG: TOY_DEFAULTS.learningRate, lrD: TOY_DEFAULTS.learningRate } : {};
  const generatorHidden = options.generatorHidden ?? (isToy ? TOY_DEFAULTS.hidden : undefined);
  const config = {
    data,
    generator: {
      ...(isToy ? { latentSize: TOY_DEFAULTS.latentSize } : {}),
      ...(options.latentSize !== undefined ? { latentSize: options.latentSize } : {}),
      ...(generatorHidden !== undefined ? { hidden: generatorHidden } : {}),
    },
    discriminator: {
      ...((options.discriminatorHidden ?? generatorHidden) !== undefined ? { hidden: options.discriminatorHidden ?? generatorHidden } : {}),
    },
    options: { ...toyTraining, ...options.train },
  };
  const resolved = Trainer.resolveConfig(config);
  checkModelSize(resolved.generator, resolved.discriminator);
  return Trainer.create({ backend, ...config });
}

/** "G 100-768-768, D 768-768-1; 1.26 M parameters, about 20 MB to train" */
export function describeModel(trainer: Trainer): string {
  const widths = (layers: readonly { inputs: number; outputs: number }[]) => [layers[0].inputs, ...layers.map((l) => l.outputs)].join('-');
  const parameters = trainer.generator.paramCount + trainer.discriminator.paramCount;
  const size = formatBytes(parameters * TRAINING_BYTES_PER_PARAMETER);
  return `G ${widths(trainer.generator.layers)}, D ${widths(trainer.discriminator.layers)}; ${formatCount(parameters)} parameters, about ${size} to train`;
}

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : n.toLocaleString('en-US');
}

function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/** "1 image", "3 images". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
