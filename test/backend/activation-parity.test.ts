// Activations and their backward pass on every Rust variant against the TypeScript reference,
// at lengths around the SIMD widths (4, 8, 16 floats) and the 768 and 3072 layer widths, in
// separate and in-place forms.

import { beforeAll, describe, test } from 'vitest';

import { createTsBackend } from '../../src/backend/ts/index.js';
import type { Activation } from '../../src/backend/types.js';
import { randomArray } from '../helpers/numeric.js';
import { expectSame, expectWithin, relativeTolerance, U32 } from './helpers/bounds.js';
import { runOn } from './helpers/tensors.js';
import { loadVariants, type Variant } from './helpers/variants.js';

const reference = createTsBackend();
let variants: Variant[] = [];

beforeAll(async () => {
  variants = await loadVariants();
});

const LENGTHS = [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 100, 767, 768, 769, 3071, 3072];
const ACTIVATIONS: Activation[] = [
  { kind: 'identity' },
  { kind: 'relu' },
  { kind: 'leaky_relu' },
  { kind: 'leaky_relu', slope: 0.25 },
  { kind: 'tanh' },
  { kind: 'sigmoid' },
];
/** Spread of the inputs: wide enough to saturate tanh and sigmoid. */
const INPUT_SCALE = 12;
/** Special inputs placed at the start: zeros, saturation, and sigmoid outputs below float32's normal range. */
const SPECIAL_INPUTS = [0, -0, 1e-30, -1e-30, 30, -30, 88, -88, 100, -100];
/**
 * The Rust tanh and sigmoid are within 4 and 3 ulp of the exact value (crates/kernels
 * fastmath.rs) and the reference rounds once, so 8 ulp at 2^-23 relative each leaves margin.
 */
const ACTIVATION_RELATIVE = 8 * 2 ** -23;
/** Rust may flush results below the smallest normal float32 to zero. */
const SMALLEST_NORMAL = 2 ** -126;

function inputs(n: number, seed: number): Float32Array {
  const x = randomArray(n, seed, INPUT_SCALE);
  x.set(SPECIAL_INPUTS.slice(0, n));
  return x;
}

function label(variant: Variant, act: Activation, n: number, form: string): string {
  return `${variant.label}, ${JSON.stringify(act)}, n=${n}, ${form}`;
}

describe('activate parity', () => {
  for (const act of ACTIVATIONS) {
    test(`${act.kind}${act.slope === undefined ? '' : ` slope ${act.slope}`}`, () => {
      for (const n of LENGTHS) {
        const x = inputs(n, n + 1);
        const expected = runOn(reference, { x, y: new Float32Array(n) }, (t) => reference.activate(act, t.x, t.y, n)).out.y;
        const tolerance = relativeTolerance(expected, ACTIVATION_RELATIVE, SMALLEST_NORMAL);
        for (const variant of variants) {
          variant.select();
          const { backend } = variant;
          const separate = runOn(backend, { x, y: new Float32Array(n) }, (t) => backend.activate(act, t.x, t.y, n)).out;
          expectWithin(label(variant, act, n, 'separate'), separate.y, expected, tolerance);
          expectSame(label(variant, act, n, 'x unchanged'), separate.x, x);
          const inPlace = runOn(backend, { x }, (t) => backend.activate(act, t.x, t.x, n)).out;
          expectWithin(label(variant, act, n, 'in place'), inPlace.x, expected, tolerance);
        }
      }
    });
  }

  test('prefix only: elements past n are untouched', () => {
    const n = 13;
    const x = inputs(20, 5);
    const y = new Float32Array(20).fill(7);
    for (const variant of variants) {
      variant.select();
      const out = runOn(variant.backend, { x, y }, (t) => variant.backend.activate({ kind: 'tanh' }, t.x, t.y, n)).out.y;
      expectSame(`${variant.label}: tail`, out.subarray(n), y.subarray(n));
    }
  });
});

/** dx = dy * act'(y) rounds at most three times on values no larger than |dy| (1 + y^2). */
function backwardTolerance(y: Float32Array, dy: Float32Array, expected: Float32Array): Float64Array {
  return Float64Array.from(expected, (value, i) => 4 * U32 * Math.abs(dy[i]) * (1 + y[i] * y[i]) + U32 * Math.abs(value));
}

describe('activateBackward parity', () => {
  for (const act of ACTIVATIONS) {
    test(`${act.kind}${act.slope === undefined ? '' : ` slope ${act.slope}`}`, () => {
      for (const n of LENGTHS) {
        // y is a real output of the activation, so it lies in the activation's range.
        const y = runOn(reference, { x: inputs(n, n + 2), y: new Float32Array(n) }, (t) =>
          reference.activate(act, t.x, t.y, n),
        ).out.y;
        const dy = randomArray(n, n + 3);
        const expected = runOn(reference, { y, dy, dx: new Float32Array(n) }, (t) =>
          reference.activateBackward(act, t.y, t.dy, t.dx, n),
        ).out.dx;
        const tolerance = backwardTolerance(y, dy, expected);
        for (const variant of variants) {
          variant.select();
          const { backend } = variant;
          const separate = runOn(backend, { y, dy, dx: new Float32Array(n) }, (t) => backend.activateBackward(act, t.y, t.dy, t.dx, n)).out;
          expectWithin(label(variant, act, n, 'separate'), separate.dx, expected, tolerance);
          expectSame(label(variant, act, n, 'dy unchanged'), separate.dy, dy);
          const inPlace = runOn(backend, { y, dy }, (t) => backend.activateBackward(act, t.y, t.dy, t.dy, n)).out;
          expectWithin(label(variant, act, n, 'in place'), inPlace.dy, expected, tolerance);
        }
      }
    });
  }
});
