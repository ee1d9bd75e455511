// Fused dense layer for the TypeScript backend, composed from the primitive operations.

import type { Activation, DenseShape } from '../types.js';
import { activate, activateBackward } from './activation.js';
import { matmul, type Scratch } from './matmul.js';

/** Y[rows, outputs] <- act(X[rows, inputs] * W[outputs, inputs]^T + b). */
export function denseForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array,
  y: Float32Array,
  s: DenseShape,
  act: Activation,
  scratch: Scratch,
): void {
  const { rows, inputs, outputs } = s;
  matmul(x, w, y, { m: rows, n: outputs, k: inputs, transA: false, transB: true, alpha: 1, beta: 0 }, scratch);
  addBias(y, b, rows, outputs);
  activate(act, y, y, rows * outputs);
}

/** Backward pass of `denseForward`; see `Backend.denseBackward` for the contract. */
export function denseBackward(
  x: Float32Array,
  w: Float32Array,
  y: Float32Array,
  dy: Float32Array,
  dx: Float32Array | null,
  dw: Float32Array | null,
  db: Float32Array | null,
  s: DenseShape,
  act: Activation,
  accumulate: boolean,
  scratch: Scratch,
): void {
  const { rows, inputs, outputs } = s;
  const beta = accumulate ? 1 : 0;
  activateBackward(act, y, dy, dy, rows * outputs); // dy now contains dZ [rows, outputs]
  if (dw !== null) {
    // dW [outputs, inputs] = dZ^T [outputs, rows] * X [rows, inputs]
    matmul(dy, x, dw, { m: outputs, n: inputs, k: rows, transA: true, transB: false, alpha: 1, beta }, scratch);
  }
  if (db !== null) biasGrad(dy, db, rows, outputs, beta);
  if (dx !== null) {
    // dX [rows, inputs] = dZ [rows, outputs] * W [outputs, inputs]
    matmul(dy, w, dx, { m: rows, n: inputs, k: outputs, transA: false, transB: false, alpha: 1, beta: 0 }, scratch);
  }
}

/** Y[r, c] += bias[c]. */
export function addBias(y: Float32Array, bias: Float32Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    for (let c = 0; c < cols; c++) y[start + c] += bias[c];
  }
}

/** db[c] <- beta * db[c] + sum over r of dY[r, c]; beta = 0 overwrites db without reading it. */
export function biasGrad(dy: Float32Array, db: Float32Array, rows: number, cols: number, beta: number): void {
  if (beta === 0) db.fill(0, 0, cols);
  else if (beta !== 1) for (let c = 0; c < cols; c++) db[c] *= beta;
  for (let r = 0; r < rows; r++) {
    const start = r * cols;
    for (let c = 0; c < cols; c++) db[c] += dy[start + c];
  }
}
