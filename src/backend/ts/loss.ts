// Binary cross-entropy on logits.

import { sigmoid } from './activation.js';

/**
 * Returns mean over i < n of max(l, 0) - l * t + log(1 + exp(-|l|)) and writes
 * grad[i] = gradScale * (sigmoid(l_i) - t_i) / n. The log1p form never overflows, so a
 * logit of 1e4 gives a finite loss.
 */
export function bceWithLogits(
  logits: Float32Array,
  targets: Float32Array,
  grad: Float32Array,
  n: number,
  gradScale: number,
): number {
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const l = logits[i];
    const t = targets[i];
    sum += Math.max(l, 0) - l * t + Math.log1p(Math.exp(-Math.abs(l)));
    grad[i] = (gradScale * (sigmoid(l) - t)) / n;
  }
  return sum / n;
}
