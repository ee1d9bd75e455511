// Checks of the checkpoints that the page can continue training, and the page settings they imply.

import type { Trainer, TrainerSnapshot } from '../../src/browser/index.js';
import type { Settings } from '../protocol.js';

/** Largest image side the page trains, because 64x64 RGB already gives 12,288-wide default layers. */
export const MAX_PAGE_SIZE_PX = 64;

/**
 * Throws an Error saying why the page cannot train this model: the page's images are square,
 * RGB and scaled to [-1, 1], so the generator must make such images and end in tanh.
 */
export function checkModelFits(snapshot: TrainerSnapshot): void {
  const g = snapshot.generatorConfig;
  const { width, height, channels } = g.image;
  if (channels !== 3) {
    throw new Error(
      `this model makes ${width}x${height} grayscale images (1 channel), but the page trains on RGB images; ` +
        'sample it with pixelgan sample in Node instead',
    );
  }
  if (width !== height) throw new Error(`this model makes ${width}x${height} images, but the page trains on square images only`);
  if (width > MAX_PAGE_SIZE_PX) {
    throw new Error(`this model makes ${width}x${width} images; the page trains images up to ${MAX_PAGE_SIZE_PX}x${MAX_PAGE_SIZE_PX}`);
  }
  if (g.outputActivation !== 'tanh') {
    throw new Error(`this model's generator ends in ${g.outputActivation}, for images in [0, 1], but the page's images are in [-1, 1] (tanh)`);
  }
}

/** Returns the page settings of a checkpoint's run. */
export function settingsOf(snapshot: TrainerSnapshot): Settings {
  const { seed, batchSize, lrG, lrD, dStepsPerGStep, generatorLoss } = snapshot.options;
  return { size: snapshot.generatorConfig.image.width, seed, batchSize, lrG, lrD, dStepsPerGStep, generatorLoss };
}

/** "G 100-768-768, D 768-768-1", as the CLI prints it. */
export function describeArchitecture(trainer: Trainer): string {
  const widths = (layers: readonly { inputs: number; outputs: number }[]): string =>
    [layers[0].inputs, ...layers.map((layer) => layer.outputs)].join('-');
  return `G ${widths(trainer.generator.layers)}, D ${widths(trainer.discriminator.layers)}`;
}
