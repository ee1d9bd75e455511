// Architecture descriptions of the generator and the discriminator, with their defaults.
// A description is plain JSON, so checkpoints store it and rebuild the same networks.

import type { Activation } from '../backend/types.js';
import type { LayerSpec } from './mlp.js';

export interface ImageShape {
  width: number;
  height: number;
  /** 1 for grayscale, 3 for RGB. Pixels are stored interleaved: [height, width, channels]. */
  channels: 1 | 3;
}

export interface GeneratorConfig {
  /** Length of the latent vector z. */
  latentSize: number;
  /** Widths of the hidden layers; [] gives a single layer from z to the image. */
  hidden: number[];
  hiddenActivation: Activation;
  /** tanh for images scaled to [-1, 1], sigmoid for images in [0, 1]. */
  outputActivation: 'tanh' | 'sigmoid';
  image: ImageShape;
}

export interface DiscriminatorConfig {
  /** Widths of the hidden layers; [] gives logistic regression on the pixels. */
  hidden: number[];
  hiddenActivation: Activation;
  image: ImageShape;
}

/** LeakyReLU slope used by default in hidden layers, as in DCGAN (Radford et al., 2015). */
export const DEFAULT_LEAKY_SLOPE = 0.2;
/** Latent size used by default, as in DCGAN. */
export const DEFAULT_LATENT_SIZE = 100;
/**
 * Widest default hidden layer. Hidden layers default to the image's width up to this, which
 * covers 32x32 RGB (3,072); a 64x64 RGB image would otherwise get 12,288-wide layers.
 */
export const MAX_DEFAULT_HIDDEN_WIDTH = 4096;

function defaultHiddenWidth(image: ImageShape): number {
  return Math.min(imageSize(image), MAX_DEFAULT_HIDDEN_WIDTH);
}

/** Number of weights and biases in a stack of dense layers. */
export function parameterCount(layers: readonly { inputs: number; outputs: number }[]): number {
  return layers.reduce((sum, l) => sum + l.outputs * (l.inputs + 1), 0);
}

/** Number of values in one image: width * height * channels. */
export function imageSize(image: ImageShape): number {
  return image.width * image.height * image.channels;
}

/** Defaults: one hidden layer as wide as the image (see MAX_DEFAULT_HIDDEN_WIDTH) in G, and as many in D. */
export function defaultGeneratorConfig(image: ImageShape, overrides: Partial<GeneratorConfig> = {}): GeneratorConfig {
  return {
    latentSize: DEFAULT_LATENT_SIZE,
    hidden: [defaultHiddenWidth(image)],
    hiddenActivation: { kind: 'leaky_relu', slope: DEFAULT_LEAKY_SLOPE },
    outputActivation: 'tanh',
    image,
    ...overrides,
  };
}

export function defaultDiscriminatorConfig(image: ImageShape, overrides: Partial<DiscriminatorConfig> = {}): DiscriminatorConfig {
  return {
    hidden: [defaultHiddenWidth(image)],
    hiddenActivation: { kind: 'leaky_relu', slope: DEFAULT_LEAKY_SLOPE },
    image,
    ...overrides,
  };
}

/** Throws a RangeError naming the first invalid field. */
export function validateImageShape(image: ImageShape): void {
  for (const key of ['width', 'height'] as const) {
    if (!Number.isSafeInteger(image[key]) || image[key] < 1) {
      throw new RangeError(`image ${key} must be a positive integer, got ${String(image[key])}`);
    }
  }
  if (image.channels !== 1 && image.channels !== 3) {
    throw new RangeError(`image channels must be 1 or 3, got ${String(image.channels)}`);
  }
}

function validateWidths(what: string, widths: number[]): void {
  if (!Array.isArray(widths)) throw new TypeError(`${what} must be an array of layer widths`);
  widths.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 1) throw new RangeError(`${what}[${i}] must be a positive integer, got ${String(w)}`);
  });
}

function chain(sizes: number[], hidden: Activation, last: Activation): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const isLast = i + 2 === sizes.length;
    layers.push({ inputs: sizes[i], outputs: sizes[i + 1], activation: isLast ? last : hidden });
  }
  return layers;
}

/** Layers of G: z [latentSize] -> hidden... -> image [width * height * channels]. */
export function generatorLayers(config: GeneratorConfig): LayerSpec[] {
  validateImageShape(config.image);
  validateWidths('generator hidden', config.hidden);
  if (!Number.isSafeInteger(config.latentSize) || config.latentSize < 1) {
    throw new RangeError(`latent size must be a positive integer, got ${String(config.latentSize)}`);
  }
  if (config.outputActivation !== 'tanh' && config.outputActivation !== 'sigmoid') {
    throw new RangeError(`generator output activation must be 'tanh' or 'sigmoid', got ${String(config.outputActivation)}`);
  }
  const sizes = [config.latentSize, ...config.hidden, imageSize(config.image)];
  return chain(sizes, config.hiddenActivation, { kind: config.outputActivation });
}

/** Layers of D: image -> hidden... -> 1 logit (no activation; the loss applies the sigmoid). */
export function discriminatorLayers(config: DiscriminatorConfig): LayerSpec[] {
  validateImageShape(config.image);
  validateWidths('discriminator hidden', config.hidden);
  const sizes = [imageSize(config.image), ...config.hidden, 1];
  return chain(sizes, config.hiddenActivation, { kind: 'identity' });
}
