// Finite-difference checks of every differentiable backend operation, on every backend that
// loads here. Each check builds a scalar L = sum(G * output) with fixed random weights G, so
// dL/d(output) = G, and compares the operation's analytic gradient with central differences
// of L computed through the operation's forward pass.

import { describe, expect, test } from 'vitest';
import type { Activation, Backend, DenseShape, MatmulShape } from '../../src/backend/types.js';
import { loadableBackends } from '../helpers/backends.js';
import { centralDifference, expectClose, randomArray } from '../helpers/numeric.js';

/**
 * Step of the central difference. With float32 forward passes, rounding adds about
 * eps_f32 * |L| / STEP ~ 6e-8 * 10 / 1e-2 = 6e-5 to each estimate, and truncation adds
 * O(STEP^2) times the third derivative, so the tolerances below leave a margin of ~10x.
 */
const STEP = 1e-2;
const RTOL = 2e-2;
const ATOL = 2e-3;

const backends = await loadableBackends();

function weightedSum(values: Float32Array, weights: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * weights[i];
  return sum;
}

/** Uploads host arrays, runs `op` and returns the host copy of the output tensor. */
function runOp(backend: Backend, inputs: Float32Array[], outputLength: number, op: (tensors: ReturnType<Backend['alloc']>[]) => ReturnType<Backend['alloc']>): Float32Array {
  const tensors = inputs.map((values) => {
    const t = backend.alloc(values.length);
    backend.write(t, values);
    return t;
  });
  const out = op(tensors);
  const result = backend.read(out).subarray(0, outputLength);
  for (const t of tensors) backend.free(t);
  return Float32Array.from(result);
}

const ACTIVATIONS: Activation[] = [
  { kind: 'identity' },
  { kind: 'relu' },
  { kind: 'leaky_relu', slope: 0.2 },
  { kind: 'tanh' },
  { kind: 'sigmoid' },
];

describe.each(backends.map((b) => [b.name, b] as const))('%s backend gradients', (_name, backend) => {
  test.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])('matmul transA=%s transB=%s', (transA, transB) => {
    const [m, n, k] = [3, 5, 4];
    const a = randomArray(m * k, 1);
    const b = randomArray(k * n, 2);
    const g = randomArray(m * n, 3);
    const shape: MatmulShape = { m, n, k, transA, transB, alpha: 0.7, beta: 0 };
    const forward = (): Float32Array => runOp(backend, [a, b, new Float32Array(m * n)], m * n, ([ta, tb, tc]) => {
      backend.matmul(ta, tb, tc, shape);
      return tc;
    });
    const loss = (): number => weightedSum(forward(), g);

    // dL/dop(A) = alpha G op(B)^T [m, k]; dL/dop(B) = alpha op(A)^T G [k, n]; stored transposed when trans is set.
    const dOpA = runOp(backend, [g, b, new Float32Array(m * k)], m * k, ([tg, tb, out]) => {
      backend.matmul(tg, tb, out, { m, n: k, k: n, transA: false, transB: !transB, alpha: 0.7, beta: 0 });
      return out;
    });
    const dOpB = runOp(backend, [a, g, new Float32Array(k * n)], k * n, ([ta, tg, out]) => {
      backend.matmul(ta, tg, out, { m: k, n, k: m, transA: !transA, transB: false, alpha: 0.7, beta: 0 });
      return out;
    });
    const numericA = a.map((_, i) => centralDifference(a, i, STEP, loss));
    const numericB = b.map((_, i) => centralDifference(b, i, STEP, loss));
    expectClose(transA ? transposeHost(dOpA, m, k) : dOpA, numericA, RTOL, ATOL, 'dA');
    expectClose(transB ? transposeHost(dOpB, k, n) : dOpB, numericB, RTOL, ATOL, 'dB');
  });

  test.each(ACTIVATIONS.map((act) => [act.kind, act] as const))('activation %s', (_kind, act) => {
    const n = 12;
    // Keep inputs away from ReLU's kink at 0, where the derivative is undefined.
    const x = randomArray(n, 4).map((v) => (Math.abs(v) < 0.1 ? v + Math.sign(v || 1) * 0.2 : v));
    const g = randomArray(n, 5);
    const forward = (): Float32Array => runOp(backend, [x, new Float32Array(n)], n, ([tx, ty]) => {
      backend.activate(act, tx, ty, n);
      return ty;
    });
    const y = forward();
    const analytic = runOp(backend, [y, g, new Float32Array(n)], n, ([ty, tg, tdx]) => {
      backend.activateBackward(act, ty, tg, tdx, n);
      return tdx;
    });
    const numeric = x.map((_, i) => centralDifference(x, i, STEP, () => weightedSum(forward(), g)));
    expectClose(analytic, numeric, RTOL, ATOL, `d${act.kind}`);
  });

  test.each([
    ['positive scale', 1],
    ['negative scale', -1],
  ] as const)('bceWithLogits %s', (_label, gradScale) => {
    const n = 8;
    const logits = randomArray(n, 6, 4);
    // Hard targets 1 and 0, and a soft target 0.3 as label smoothing would give.
    const targetCycle = [1, 0, 0.3];
    const targets = Float32Array.from({ length: n }, (_, i) => targetCycle[i % targetCycle.length]);
    const lossAndGrad = (): [number, Float32Array] => {
      const [tl, tt, tg] = [logits, targets, new Float32Array(n)].map((v) => {
        const t = backend.alloc(n);
        backend.write(t, v);
        return t;
      });
      const loss = backend.bceWithLogits(tl, tt, tg, n, gradScale);
      const grad = backend.read(tg);
      for (const t of [tl, tt, tg]) backend.free(t);
      return [loss, grad];
    };
    const [, analytic] = lossAndGrad();
    const numeric = logits.map((_, i) => gradScale * centralDifference(logits, i, STEP, () => lossAndGrad()[0]));
    expectClose(analytic, numeric, RTOL, ATOL, 'dBCE/dlogit');
  });

  test('addBias and biasGrad', () => {
    const [rows, cols] = [4, 3];
    const y = randomArray(rows * cols, 7);
    const bias = randomArray(cols, 8);
    const g = randomArray(rows * cols, 9);
    const loss = (): number => weightedSum(runOp(backend, [y, bias], rows * cols, ([ty, tb]) => {
      backend.addBias(ty, tb, rows, cols);
      return ty;
    }), g);
    const analytic = runOp(backend, [g, new Float32Array(cols)], cols, ([tg, tdb]) => {
      backend.biasGrad(tg, tdb, rows, cols, 0);
      return tdb;
    });
    expectClose(analytic, bias.map((_, i) => centralDifference(bias, i, STEP, loss)), RTOL, ATOL, 'db');
  });

  test.each(ACTIVATIONS.map((act) => [act.kind, act] as const))('dense layer with %s', (_kind, act) => {
    const shape: DenseShape = { rows: 3, inputs: 5, outputs: 4 };
    const x = randomArray(shape.rows * shape.inputs, 10);
    const w = randomArray(shape.outputs * shape.inputs, 11, 0.5);
    const b = randomArray(shape.outputs, 12, 0.5);
    const g = randomArray(shape.rows * shape.outputs, 13);
    const forward = (): Float32Array => runOp(backend, [x, w, b, new Float32Array(shape.rows * shape.outputs)], shape.rows * shape.outputs, ([tx, tw, tb, ty]) => {
      backend.denseForward(tx, tw, tb, ty, shape, act);
      return ty;
    });
    const loss = (): number => weightedSum(forward(), g);
    const y = forward();

    const tensors = [x, w, y, g].map((v) => {
      const t = backend.alloc(v.length);
      backend.write(t, v);
      return t;
    });
    const [dx, dw, db] = [x.length, w.length, b.length].map((n) => backend.alloc(n));
    backend.denseBackward(tensors[0], tensors[1], tensors[2], tensors[3], dx, dw, db, shape, act, false);
    const [adx, adw, adb] = [dx, dw, db].map((t) => backend.read(t));
    for (const t of [...tensors, dx, dw, db]) backend.free(t);

    expect(y.some((v) => v !== 0)).toBe(true);
    expectClose(adx, x.map((_, i) => centralDifference(x, i, STEP, loss)), RTOL, ATOL, 'dX');
    expectClose(adw, w.map((_, i) => centralDifference(w, i, STEP, loss)), RTOL, ATOL, 'dW');
    expectClose(adb, b.map((_, i) => centralDifference(b, i, STEP, loss)), RTOL, ATOL, 'db');
  });
});

function transposeHost(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
  return out;
}
