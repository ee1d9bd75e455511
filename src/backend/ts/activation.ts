// Element-wise activations and their derivatives, computed from the activation's output y.

import type { Activation } from '../types.js';
import { leakySlope } from '../checks.js';

/** y[i] <- act(x[i]) for i < n. x and y may be the same array. */
export function activate(act: Activation, x: Float32Array, y: Float32Array, n: number): void {
  switch (act.kind) {
    case 'identity':
      if (x !== y) y.set(x.subarray(0, n));
      return;
    // Written as `v < 0 ? ... : v` so that NaN passes through, as in the Rust kernels.
    case 'relu':
      for (let i = 0; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
      return;
    case 'leaky_relu': {
      const slope = leakySlope(act);
      for (let i = 0; i < n; i++) y[i] = x[i] < 0 ? slope * x[i] : x[i];
      return;
    }
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(x[i]);
      return;
  }
}

/** dx[i] <- dy[i] * act'(.) for i < n, with the derivative taken from y = act(x). */
export function activateBackward(act: Activation, y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void {
  switch (act.kind) {
    case 'identity':
      if (dx !== dy) dx.set(dy.subarray(0, n));
      return;
    case 'relu':
      for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : 0;
      return;
    case 'leaky_relu': {
      // With slope >= 0, y > 0 exactly when x > 0, so the output decides the branch.
      const slope = leakySlope(act);
      for (let i = 0; i < n; i++) dx[i] = y[i] > 0 ? dy[i] : slope * dy[i];
      return;
    }
    case 'tanh':
      for (let i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
      return;
  }
}

/** Returns the logistic function of x. exp only gets arguments <= 0, so it cannot overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
