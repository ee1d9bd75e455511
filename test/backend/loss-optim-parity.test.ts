// Bias addition, bias gradient, binary cross-entropy, Adam and SGD on every Rust variant
// against the TypeScript reference.

import { beforeAll, describe, expect, test } from 'vitest';

import { createTsBackend } from '../../src/backend/ts/index.js';
import type { AdamParams } from '../../src/backend/types.js';
import { randomArray } from '../helpers/numeric.js';
import { expectWithin, relativeTolerance, U32 } from './helpers/bounds.js';
import { runOn } from './helpers/tensors.js';
import { loadVariants, type Variant } from './helpers/variants.js';

const reference = createTsBackend();
let variants: Variant[] = [];

beforeAll(async () => {
  variants = await loadVariants();
});

const LENGTHS = [0, 1, 3, 7, 8, 16, 17, 33, 767, 768, 3072];
/** [rows, cols] */
const MATRIX_SHAPES: [number, number][] = [[0, 5], [5, 0], [1, 1], [3, 17], [16, 8], [31, 33], [128, 768], [7, 3072]];

describe('bias parity', () => {
  test('addBias', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      const y = randomArray(rows * cols, rows + cols);
      const bias = randomArray(cols, rows * cols + 1);
      const expected = runOn(reference, { y, bias }, (t) => reference.addBias(t.y, t.bias, rows, cols)).out.y;
      // One float32 addition, rounded once by both.
      const tolerance = relativeTolerance(expected, U32);
      for (const variant of variants) {
        variant.select();
        const actual = runOn(variant.backend, { y, bias }, (t) => variant.backend.addBias(t.y, t.bias, rows, cols)).out.y;
        expectWithin(`${variant.label}, [${rows}, ${cols}]`, actual, expected, tolerance);
      }
    }
  });

  test('biasGrad with beta 0, 1 and 0.5', () => {
    for (const [rows, cols] of MATRIX_SHAPES) {
      for (const beta of [0, 1, 0.5]) {
        const dy = randomArray(rows * cols, rows + cols + 7);
        const db = randomArray(cols, rows + 11);
        const expected = runOn(reference, { dy, db }, (t) => reference.biasGrad(t.dy, t.db, rows, cols, beta)).out.db;
        // A sum of rows + 1 terms, which each side may round rows + 1 times.
        const tolerance = new Float64Array(cols);
        for (let c = 0; c < cols; c++) {
          let scale = Math.abs(beta * db[c]);
          for (let r = 0; r < rows; r++) scale += Math.abs(dy[r * cols + c]);
          tolerance[c] = 2 * (rows + 2) * U32 * scale;
        }
        for (const variant of variants) {
          variant.select();
          const actual = runOn(variant.backend, { dy, db }, (t) => variant.backend.biasGrad(t.dy, t.db, rows, cols, beta)).out.db;
          expectWithin(`${variant.label}, [${rows}, ${cols}], beta ${beta}`, actual, expected, tolerance);
        }
      }
    }
  });
});

describe('bceWithLogits parity', () => {
  test('loss and gradient', () => {
    for (const n of LENGTHS) {
      for (const gradScale of [1, -0.5, 0]) {
        const logits = randomArray(n, n + 21, 8);
        logits.set([1e4, -1e4, 0, 40, -40].slice(0, n));
        // Soft targets in [0, 1], then hard targets 1 and 0, in turn.
        const targets = Float32Array.from(randomArray(n, n + 22), (value, i) => [Math.abs(value), 1, 0][i % 3]);
        const arrays = { logits, targets, grad: new Float32Array(n) };
        const expected = runOn(reference, arrays, (t) => reference.bceWithLogits(t.logits, t.targets, t.grad, n, gradScale));
        // Both sides compute in float64 and round the gradient once; the Rust loss is also rounded to float32.
        const gradTolerance = relativeTolerance(expected.out.grad, 2 * U32, 1e-30);
        for (const variant of variants) {
          variant.select();
          const { backend } = variant;
          const actual = runOn(backend, arrays, (t) => backend.bceWithLogits(t.logits, t.targets, t.grad, n, gradScale));
          const name = `${variant.label}, n=${n}, gradScale ${gradScale}`;
          expect(Math.abs(actual.result - expected.result), `${name}: loss`).toBeLessThanOrEqual(2 * U32 * Math.abs(expected.result) + 1e-12);
          expectWithin(`${name}: grad`, actual.out.grad, expected.out.grad, gradTolerance);
        }
      }
    }
  });
});

/** Hyperparameters exactly representable in float32, so both sides use the same values. */
const ADAM_SETTINGS: AdamParams[] = [
  { lr: 2 ** -10, beta1: 0.875, beta2: 1 - 2 ** -9, eps: 2 ** -20, step: 1 },
  { lr: Math.fround(2e-4), beta1: 0.5, beta2: Math.fround(0.999), eps: Math.fround(1e-8), step: 3 },
  { lr: Math.fround(1e-3), beta1: Math.fround(0.9), beta2: Math.fround(0.999), eps: Math.fround(1e-8), step: 1000 },
];

/**
 * Returns the per-element tolerance of one Adam step. m and v round three and four times.
 * The update s m / (sqrt(v) + eps) carries m's absolute error, half of v's relative error
 * and five more roundings, and the final subtraction rounds once more.
 */
function adamTolerance(p: AdamParams, inputs: Record<'param' | 'grad' | 'm' | 'v', Float32Array>, expected: Record<'param' | 'm' | 'v', Float32Array>) {
  const stepSize = (p.lr * Math.sqrt(1 - p.beta2 ** p.step)) / (1 - p.beta1 ** p.step);
  const n = inputs.param.length;
  const [m, v, param] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  for (let i = 0; i < n; i++) {
    const g = inputs.grad[i];
    m[i] = 3 * U32 * (Math.abs(p.beta1 * inputs.m[i]) + Math.abs((1 - p.beta1) * g)) + U32 * Math.abs(expected.m[i]);
    v[i] = 4 * U32 * (Math.abs(p.beta2 * inputs.v[i]) + (1 - p.beta2) * g * g) + U32 * Math.abs(expected.v[i]);
    const root = Math.sqrt(expected.v[i]);
    const update = Math.abs(inputs.param[i] - expected.param[i]);
    const vRelative = expected.v[i] > 0 ? v[i] / (2 * expected.v[i]) : 0;
    param[i] = (stepSize * m[i]) / (root + p.eps) + update * (vRelative + 5 * U32) + 2 * U32 * Math.abs(expected.param[i]);
  }
  return { m, v, param };
}

describe('optimizer parity', () => {
  test('adam', () => {
    for (const n of LENGTHS) {
      ADAM_SETTINGS.forEach((p, index) => {
        const seed = 100 * n + index;
        const moments = randomArray(n, seed + 1, 0.1);
        const inputs = { param: randomArray(n, seed), grad: randomArray(n, seed + 2), m: moments, v: moments.map((x) => x * x) };
        const expected = runOn(reference, inputs, (t) => reference.adam(t.param, t.grad, t.m, t.v, n, p)).out;
        const tolerance = adamTolerance(p, inputs, expected);
        for (const variant of variants) {
          variant.select();
          const actual = runOn(variant.backend, inputs, (t) => variant.backend.adam(t.param, t.grad, t.m, t.v, n, p)).out;
          const name = `${variant.label}, n=${n}, ${JSON.stringify(p)}`;
          expectWithin(`${name}: m`, actual.m, expected.m, tolerance.m);
          expectWithin(`${name}: v`, actual.v, expected.v, tolerance.v);
          expectWithin(`${name}: param`, actual.param, expected.param, tolerance.param);
        }
      });
    }
  });

  test('sgd with and without momentum', () => {
    const lr = 2 ** -6;
    for (const n of LENGTHS) {
      for (const momentum of [0, 0.875, Math.fround(0.9)]) {
        const inputs = { param: randomArray(n, n + 31), grad: randomArray(n, n + 32), velocity: randomArray(n, n + 33) };
        const run = (variant: Variant | null) => {
          const backend = variant?.backend ?? reference;
          return runOn(backend, inputs, (t) => backend.sgd(t.param, t.grad, t.velocity, n, lr, momentum)).out;
        };
        const expected = run(null);
        // velocity = momentum v + g and param -= lr velocity: two roundings each, plus the velocity error times lr.
        const velocityTolerance = Float64Array.from(inputs.velocity, (v, i) => 2 * U32 * (Math.abs(momentum * v) + Math.abs(inputs.grad[i])));
        const paramTolerance = Float64Array.from(expected.param, (p, i) => 2 * U32 * (Math.abs(p) + Math.abs(lr * expected.velocity[i]) + Math.abs(lr * inputs.grad[i])) + lr * velocityTolerance[i]);
        for (const variant of variants) {
          variant.select();
          const actual = run(variant);
          const name = `${variant.label}, n=${n}, momentum ${momentum}`;
          expectWithin(`${name}: param`, actual.param, expected.param, paramTolerance);
          expectWithin(`${name}: velocity`, actual.velocity, expected.velocity, velocityTolerance);
        }
      }
    }
  });
});
