// Parameter updates: Adam and SGD with optional heavy-ball momentum.

import type { AdamParams } from '../types.js';

/**
 * Applies one Adam step (Kingma and Ba, 2015) to n parameters:
 * m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * param <- param - lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps).
 * This is the paper's efficient form, with eps added to sqrt(v) rather than to the
 * bias-corrected sqrt(v-hat), as every backend here does.
 */
export function adam(
  param: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  n: number,
  p: AdamParams,
): void {
  const { beta1, beta2, eps } = p;
  const stepSize = (p.lr * Math.sqrt(1 - beta2 ** p.step)) / (1 - beta1 ** p.step);
  for (let i = 0; i < n; i++) {
    const g = grad[i];
    const mi = beta1 * m[i] + (1 - beta1) * g;
    const vi = beta2 * v[i] + (1 - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    param[i] -= (stepSize * mi) / (Math.sqrt(vi) + eps);
  }
}

/** param <- param - lr * g, or with momentum: velocity <- momentum * velocity + g, param <- param - lr * velocity. */
export function sgd(
  param: Float32Array,
  grad: Float32Array,
  velocity: Float32Array | null,
  n: number,
  lr: number,
  momentum: number,
): void {
  if (velocity === null || momentum === 0) {
    for (let i = 0; i < n; i++) param[i] -= lr * grad[i];
    return;
  }
  for (let i = 0; i < n; i++) {
    const vi = momentum * velocity[i] + grad[i];
    velocity[i] = vi;
    param[i] -= lr * vi;
  }
}
