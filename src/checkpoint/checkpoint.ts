// Checkpoints: a trainer snapshot stored in the safetensors layout, so that PyTorch users can
// load the weights with the `safetensors` Python package.
//
// Tensors (float32, little-endian):
//   generator.layers.<i>.weight        [outputs, inputs]   (the layout of torch.nn.Linear)
//   generator.layers.<i>.bias          [outputs]
//   discriminator.layers.<i>.weight / .bias
//   optimizer.generator.<buffer>       [parameter count]   (buffer: adam_m, adam_v or velocity)
//   optimizer.discriminator.<buffer>   [parameter count]
// Metadata (strings): format, format_version, generator, discriminator and training (JSON),
// step, samples_seen, rng_state and optimizer_updates (JSON), and dataset (where the images came from). Browser-safe: no Node imports.

import { discriminatorLayers, generatorLayers, type DiscriminatorConfig, type GeneratorConfig } from '../nn/architecture.js';
import type { LayerSpec } from '../nn/mlp.js';
import { Rng, type RngState } from '../random/rng.js';
import { resolveTrainOptions, type TrainOptions } from '../train/options.js';
import type { OptimizerSnapshot } from '../train/optimizer.js';
import type { TrainerSnapshot } from '../train/trainer.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

export const CHECKPOINT_FORMAT = 'pixelgan-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = '1';

/** Error for a file that cannot be used as a checkpoint. The message gives the reason. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

function layerTensors(prefix: string, layers: LayerSpec[], params: Float32Array): NamedTensor[] {
  const tensors: NamedTensor[] = [];
  let offset = 0;
  layers.forEach((layer, i) => {
    const weightSize = layer.outputs * layer.inputs;
    tensors.push({ name: `${prefix}.layers.${i}.weight`, shape: [layer.outputs, layer.inputs], data: params.subarray(offset, offset + weightSize) });
    offset += weightSize;
    tensors.push({ name: `${prefix}.layers.${i}.bias`, shape: [layer.outputs], data: params.subarray(offset, offset + layer.outputs) });
    offset += layer.outputs;
  });
  return tensors;
}

function optimizerBufferNames(options: TrainOptions): string[] {
  if (options.optimizer === 'adam') return ['adam_m', 'adam_v'];
  return options.momentum > 0 ? ['velocity'] : [];
}

function optimizerTensors(prefix: string, options: TrainOptions, state: OptimizerSnapshot): NamedTensor[] {
  return optimizerBufferNames(options).map((buffer, i) => ({
    name: `optimizer.${prefix}.${buffer}`,
    shape: [state.buffers[i].length],
    data: state.buffers[i],
  }));
}

/** Encodes a trainer snapshot as safetensors bytes. */
export function encodeCheckpoint(snapshot: TrainerSnapshot): Uint8Array {
  const tensors = [
    ...layerTensors('generator', generatorLayers(snapshot.generatorConfig), snapshot.generatorParams),
    ...layerTensors('discriminator', discriminatorLayers(snapshot.discriminatorConfig), snapshot.discriminatorParams),
    ...optimizerTensors('generator', snapshot.options, snapshot.generatorOptimizer),
    ...optimizerTensors('discriminator', snapshot.options, snapshot.discriminatorOptimizer),
  ];
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    format_version: CHECKPOINT_FORMAT_VERSION,
    generator: JSON.stringify(snapshot.generatorConfig),
    discriminator: JSON.stringify(snapshot.discriminatorConfig),
    training: JSON.stringify(snapshot.options),
    step: String(snapshot.step),
    samples_seen: String(snapshot.samplesSeen),
    rng_state: JSON.stringify(snapshot.rngState),
    optimizer_updates: JSON.stringify([snapshot.generatorOptimizer.updates, snapshot.discriminatorOptimizer.updates]),
  };
  if (snapshot.dataset !== undefined) metadata.dataset = snapshot.dataset;
  return encodeSafetensors(tensors, metadata);
}

function parseJsonField<T>(metadata: Record<string, string>, key: string): T {
  const text = metadata[key];
  if (text === undefined) throw new CheckpointError(`checkpoint metadata has no "${key}" entry; the file is damaged or from another program`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CheckpointError(`checkpoint metadata "${key}" is not valid JSON: ${text.slice(0, 80)}`);
  }
}

function parseCount(metadata: Record<string, string>, key: string): number {
  const value = parseJsonField<unknown>(metadata, key);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new CheckpointError(`checkpoint metadata "${key}" must be a non-negative integer, got ${metadata[key]}`);
  }
  return value;
}

type TensorMap = Map<string, { shape: number[]; data: Float32Array }>;

function takeTensor(tensors: TensorMap, name: string, shape: number[]): Float32Array {
  const tensor = tensors.get(name);
  if (tensor === undefined) throw new CheckpointError(`checkpoint has no tensor "${name}"; it was made for another architecture or is damaged`);
  if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
    throw new CheckpointError(`checkpoint tensor "${name}" has shape [${tensor.shape}] but the architecture needs [${shape}]`);
  }
  const badIndex = tensor.data.findIndex((v) => !Number.isFinite(v));
  if (badIndex >= 0) {
    throw new CheckpointError(`checkpoint tensor "${name}" contains ${tensor.data[badIndex]} at index ${badIndex}; the saved run had diverged or the file is damaged`);
  }
  tensors.delete(name);
  return tensor.data;
}

/** Reads the layers' tensors back into the flat parameter layout of `Mlp`. */
function readLayers(tensors: TensorMap, prefix: string, layers: LayerSpec[]): Float32Array {
  const params = new Float32Array(layers.reduce((sum, l) => sum + l.outputs * (l.inputs + 1), 0));
  let offset = 0;
  layers.forEach((layer, i) => {
    params.set(takeTensor(tensors, `${prefix}.layers.${i}.weight`, [layer.outputs, layer.inputs]), offset);
    offset += layer.outputs * layer.inputs;
    params.set(takeTensor(tensors, `${prefix}.layers.${i}.bias`, [layer.outputs]), offset);
    offset += layer.outputs;
  });
  return params;
}

function readOptimizer(tensors: TensorMap, prefix: string, options: TrainOptions, size: number, updates: number): OptimizerSnapshot {
  const buffers = optimizerBufferNames(options).map((buffer) => takeTensor(tensors, `optimizer.${prefix}.${buffer}`, [size]));
  return { updates, buffers };
}

/** Returns the layers for a config, turning a config error into a CheckpointError. */
function layersOrThrow(what: string, build: () => LayerSpec[]): LayerSpec[] {
  try {
    return build();
  } catch (error) {
    throw new CheckpointError(`checkpoint ${what} architecture is invalid: ${(error as Error).message}`);
  }
}

/** Returns the Adam/SGD update counts of G and D from the metadata. */
function readOptimizerUpdates(metadata: Record<string, string>): [number, number] {
  const updates = parseJsonField<unknown>(metadata, 'optimizer_updates');
  if (!Array.isArray(updates) || updates.length !== 2 || !updates.every((u) => Number.isSafeInteger(u) && u >= 0)) {
    throw new CheckpointError(`checkpoint metadata "optimizer_updates" must be two non-negative integers, got ${metadata.optimizer_updates}`);
  }
  return updates as [number, number];
}

/** Returns the random generator's state from the metadata, checked to be a usable state. */
function readRngState(metadata: Record<string, string>): RngState {
  const rngState = parseJsonField<RngState>(metadata, 'rng_state');
  try {
    Rng.fromState(rngState);
  } catch (error) {
    throw new CheckpointError(`checkpoint metadata "rng_state" is invalid: ${(error as Error).message}`);
  }
  return rngState;
}

/** Decodes and validates checkpoint bytes. Throws a CheckpointError that names the invalid part. */
export function decodeCheckpoint(bytes: Uint8Array): TrainerSnapshot {
  let decoded: ReturnType<typeof decodeSafetensors>;
  try {
    decoded = decodeSafetensors(bytes);
  } catch (error) {
    throw new CheckpointError(`not a readable checkpoint: ${(error as Error).message}`);
  }
  const { metadata } = decoded;
  const tensors: TensorMap = new Map(decoded.tensors);

  if (metadata.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(`not a pixelgan checkpoint: metadata "format" is ${JSON.stringify(metadata.format)}, expected "${CHECKPOINT_FORMAT}"`);
  }
  if (metadata.format_version !== CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointError(`checkpoint format version ${metadata.format_version} is not supported; this pixelgan reads version ${CHECKPOINT_FORMAT_VERSION}`);
  }

  const generatorConfig = parseJsonField<GeneratorConfig>(metadata, 'generator');
  const discriminatorConfig = parseJsonField<DiscriminatorConfig>(metadata, 'discriminator');
  let options: TrainOptions;
  try {
    options = resolveTrainOptions(parseJsonField<Partial<TrainOptions>>(metadata, 'training'));
  } catch (error) {
    throw new CheckpointError(`checkpoint training options are invalid: ${(error as Error).message}`);
  }
  const gLayers = layersOrThrow('generator', () => generatorLayers(generatorConfig));
  const dLayers = layersOrThrow('discriminator', () => discriminatorLayers(discriminatorConfig));
  const [gUpdates, dUpdates] = readOptimizerUpdates(metadata);
  const rngState = readRngState(metadata);

  const generatorParams = readLayers(tensors, 'generator', gLayers);
  const discriminatorParams = readLayers(tensors, 'discriminator', dLayers);
  const snapshot: TrainerSnapshot = {
    generatorConfig,
    discriminatorConfig,
    options,
    step: parseCount(metadata, 'step'),
    samplesSeen: parseCount(metadata, 'samples_seen'),
    rngState,
    generatorParams,
    discriminatorParams,
    generatorOptimizer: readOptimizer(tensors, 'generator', options, generatorParams.length, gUpdates),
    discriminatorOptimizer: readOptimizer(tensors, 'discriminator', options, discriminatorParams.length, dUpdates),
    dataset: metadata.dataset,
  };

  if (tensors.size > 0) throw new CheckpointError(`checkpoint has unexpected tensors: ${[...tensors.keys()].slice(0, 5).join(', ')}`);
  return snapshot;
}

/**
 * Values in [0, 1] are ink intensities (1 = black), as in the 2x2 slanted-faces toy, so grids
 * draw them dark on light. Returns whether a generator's images are drawn that way.
 */
export function isInkImage(config: GeneratorConfig): boolean {
  return config.outputActivation === 'sigmoid';
}

/** Pixel value range of a generator's output: [0, 1] after a sigmoid, [-1, 1] after tanh. */
export function outputRange(config: GeneratorConfig): [number, number] {
  return config.outputActivation === 'sigmoid' ? [0, 1] : [-1, 1];
}
