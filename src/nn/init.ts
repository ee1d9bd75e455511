// Parameter initialisation for fully connected layers.

import type { Rng } from '../random/rng.js';

/**
 * Fills a layer's parameters (its weight [outputs, inputs] and bias [outputs], in any layout)
 * from U(-b, b) with b = 1 / sqrt(inputs). This is the default of torch.nn.Linear in
 * PyTorch 2.x (kaiming_uniform_ with a = sqrt(5) for the weight, and the same bound for the
 * bias). It keeps a GAN's first images near mid-grey: a He-style init with tanh's gain
 * saturated G's output at 32x32, and D then won from the first steps.
 */
export function initLayerParams(values: Float32Array, inputs: number, rng: Rng): void {
  const bound = 1 / Math.sqrt(Math.max(inputs, 1));
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.uniform() - 1) * bound;
}
