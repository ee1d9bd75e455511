// Weight initialisation for fully connected layers.

import type { Activation } from '../backend/types.js';
import type { Rng } from '../random/rng.js';

/**
 * Gain of the activation that follows a layer, as in torch.nn.init.calculate_gain (PyTorch 2.x):
 * ReLU sqrt(2), LeakyReLU sqrt(2 / (1 + slope^2)), tanh 5/3, identity and sigmoid 1.
 */
export function activationGain(act: Activation): number {
  switch (act.kind) {
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu': {
      const slope = act.slope ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'tanh':
      return 5 / 3;
    case 'identity':
    case 'sigmoid':
      return 1;
  }
}

/**
 * Fills a weight matrix W[outputs, inputs] from U(-bound, bound) with
 * bound = gain * sqrt(3 / inputs), which gives each output a variance of gain^2 times its
 * input's variance (He et al., 2015, scaled by the gain). Biases start at zero.
 */
export function initWeights(weights: Float32Array, inputs: number, act: Activation, rng: Rng): void {
  const bound = activationGain(act) * Math.sqrt(3 / Math.max(inputs, 1));
  for (let i = 0; i < weights.length; i++) weights[i] = (2 * rng.uniform() - 1) * bound;
}
