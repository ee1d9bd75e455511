// The fused dense layer, forward and backward, on every Rust variant against the TypeScript
// reference: each activation, with and without accumulation, with gradients left out, and at
// the 768- and 3072-wide layer sizes.

import { beforeAll, describe, test } from 'vitest';

import { createTsBackend } from '../../src/backend/ts/index.js';
import type { Activation, Backend, DenseShape } from '../../src/backend/types.js';
import { randomArray } from '../helpers/numeric.js';
import { absProduct, expectSame, expectWithin, U32 } from './helpers/bounds.js';
import { runOn } from './helpers/tensors.js';
import { loadVariants, type Variant } from './helpers/variants.js';

const reference = createTsBackend();
let variants: Variant[] = [];

beforeAll(async () => {
  variants = await loadVariants();
});

/** [rows, inputs, outputs] */
const SMALL_SHAPES: [number, number, number][] = [[0, 3, 4], [2, 0, 3], [1, 1, 1], [5, 7, 3], [17, 31, 9], [8, 16, 33]];
const LARGE_SHAPES: [number, number, number][] = [[64, 768, 768], [16, 3072, 768], [16, 768, 3072]];
const ACTIVATIONS: Activation[] = [
  { kind: 'identity' }, { kind: 'relu' }, { kind: 'leaky_relu', slope: 0.2 }, { kind: 'tanh' }, { kind: 'sigmoid' },
];
/** Tanh and sigmoid in Rust are within a few ulp (8 ulp of margin); results below float32's normal range may flush to zero. */
const ACTIVATION_RELATIVE = 8 * 2 ** -23;
const SMALLEST_NORMAL = 2 ** -126;

function layer(shape: DenseShape, seed: number) {
  const { rows, inputs, outputs } = shape;
  return {
    x: randomArray(rows * inputs, seed),
    w: randomArray(outputs * inputs, seed + 1, 1 / Math.sqrt(Math.max(inputs, 1))),
    b: randomArray(outputs, seed + 2),
  };
}

function forward(backend: Backend, shape: DenseShape, act: Activation, data: ReturnType<typeof layer>): Float32Array {
  const arrays = { ...data, y: new Float32Array(shape.rows * shape.outputs) };
  return runOn(backend, arrays, (t) => backend.denseForward(t.x, t.w, t.b, t.y, shape, act)).out.y;
}

/** Z = X W^T + b is a length-`inputs` dot product plus one addition; the activation has slope at most 1. */
function forwardTolerance(shape: DenseShape, data: ReturnType<typeof layer>, expected: Float32Array): Float64Array {
  const absXW = absProduct(data.x, data.w, shape.rows, shape.outputs, shape.inputs, false, true);
  return Float64Array.from(absXW, (scale, i) => {
    const bias = Math.abs(data.b[i % shape.outputs]);
    return 2 * (shape.inputs + 3) * U32 * (scale + bias) + ACTIVATION_RELATIVE * Math.abs(expected[i]) + SMALLEST_NORMAL;
  });
}

function checkForward(shape: DenseShape, act: Activation, seed: number): void {
  const data = layer(shape, seed);
  const expected = forward(reference, shape, act, data);
  const tolerance = forwardTolerance(shape, data, expected);
  for (const variant of variants) {
    variant.select();
    expectWithin(`${variant.label}, ${JSON.stringify(shape)}, ${act.kind}`, forward(variant.backend, shape, act, data), expected, tolerance);
  }
}

type Grads = { dx: boolean; dw: boolean; db: boolean };

function backward(backend: Backend, shape: DenseShape, act: Activation, inputs: Record<string, Float32Array>, grads: Grads, accumulate: boolean) {
  return runOn(backend, inputs, (t) =>
    backend.denseBackward(
      t.x, t.w, t.y, t.dy,
      grads.dx ? t.dx : null, grads.dw ? t.dw : null, grads.db ? t.db : null,
      shape, act, accumulate,
    ),
  ).out;
}

/**
 * With G = |dY| (1 + Y^2), which bounds |dZ| and its rounding scale for every activation here,
 * dW = dZ^T X, db = column sums of dZ and dX = dZ W are products of length rows, rows and
 * outputs; the few roundings of dZ itself add a constant to each length.
 */
function backwardTolerances(shape: DenseShape, inputs: Record<string, Float32Array>, accumulate: boolean) {
  const { rows, inputs: ins, outputs } = shape;
  const g = Float32Array.from(inputs.dy, (d, i) => Math.abs(d) * (1 + inputs.y[i] * inputs.y[i]));
  const old = (values: Float32Array, i: number) => (accumulate ? 2 * U32 * Math.abs(values[i]) : 0);
  const dz = Float64Array.from(g, (scale) => 6 * U32 * scale);
  const dw = Float64Array.from(absProduct(g, inputs.x, outputs, ins, rows, true, false), (s, i) => 2 * (rows + 6) * U32 * s + old(inputs.dw, i));
  const db = new Float64Array(outputs);
  for (let o = 0; o < outputs; o++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += g[r * outputs + o];
    db[o] = 2 * (rows + 6) * U32 * sum + old(inputs.db, o);
  }
  const dx = Float64Array.from(absProduct(g, inputs.w, rows, ins, outputs, false, false), (s) => 2 * (outputs + 6) * U32 * s);
  return { dy: dz, dw, db, dx };
}

function checkBackward(shape: DenseShape, act: Activation, grads: Grads, accumulate: boolean, seed: number): void {
  const data = layer(shape, seed);
  const { rows, inputs: ins, outputs } = shape;
  const inputs = {
    x: data.x,
    w: data.w,
    y: forward(reference, shape, act, data),
    dy: randomArray(rows * outputs, seed + 3),
    dx: randomArray(rows * ins, seed + 4),
    dw: randomArray(outputs * ins, seed + 5),
    db: randomArray(outputs, seed + 6),
  };
  const expected = backward(reference, shape, act, inputs, grads, accumulate);
  const tolerance = backwardTolerances(shape, inputs, accumulate);
  for (const variant of variants) {
    variant.select();
    const actual = backward(variant.backend, shape, act, inputs, grads, accumulate);
    const name = `${variant.label}, ${JSON.stringify(shape)}, ${act.kind}, ${JSON.stringify(grads)}, accumulate ${accumulate}`;
    expectWithin(`${name}: dZ in dY`, actual.dy, expected.dy, tolerance.dy);
    for (const key of ['dx', 'dw', 'db'] as const) {
      if (grads[key]) expectWithin(`${name}: ${key}`, actual[key], expected[key], tolerance[key]);
      else expectSame(`${name}: ${key} left alone`, actual[key], inputs[key]);
    }
  }
}

const ALL: Grads = { dx: true, dw: true, db: true };
const GRAD_SETS: Grads[] = [ALL, { dx: false, dw: true, db: true }, { dx: true, dw: false, db: false }];

describe('denseForward parity', () => {
  for (const act of ACTIVATIONS) {
    test(`${act.kind}, small shapes`, () => {
      SMALL_SHAPES.forEach(([rows, inputs, outputs], i) => checkForward({ rows, inputs, outputs }, act, 10 * i));
    });
  }
  for (const [rows, inputs, outputs] of LARGE_SHAPES) {
    test(`relu and tanh, rows=${rows} inputs=${inputs} outputs=${outputs}`, () => {
      checkForward({ rows, inputs, outputs }, { kind: 'relu' }, rows);
      checkForward({ rows, inputs, outputs }, { kind: 'tanh' }, rows + 1);
    });
  }
});

describe('denseBackward parity', () => {
  for (const act of ACTIVATIONS) {
    test(`${act.kind}, small shapes`, () => {
      SMALL_SHAPES.forEach(([rows, inputs, outputs], i) => {
        for (const grads of GRAD_SETS) {
          for (const accumulate of [false, true]) checkBackward({ rows, inputs, outputs }, act, grads, accumulate, 20 * i);
        }
      });
    });
  }
  for (const [rows, inputs, outputs] of LARGE_SHAPES) {
    test(`leaky_relu, rows=${rows} inputs=${inputs} outputs=${outputs}`, () => {
      checkBackward({ rows, inputs, outputs }, { kind: 'leaky_relu', slope: 0.2 }, ALL, false, rows);
      checkBackward({ rows, inputs, outputs }, { kind: 'sigmoid' }, ALL, true, rows + 1);
    });
  }
});
