// Matrix product of every Rust variant against the TypeScript reference. The shapes hit the
// edge cases of blocked SIMD kernels: empty dimensions, 1, odd and prime sizes, and sizes that
// are not multiples of the vector width or tile. They also include the 768- and 3072-wide
// layers of the reference image sizes.

import { beforeAll, describe, expect, test } from 'vitest';

import { createTsBackend } from '../../src/backend/ts/index.js';
import type { MatmulShape } from '../../src/backend/types.js';
import { randomArray } from '../helpers/numeric.js';
import { absProduct, expectSame, expectWithin, matmulTolerance } from './helpers/bounds.js';
import { runOn } from './helpers/tensors.js';
import { loadVariants, type Variant } from './helpers/variants.js';

const reference = createTsBackend();
let variants: Variant[] = [];

beforeAll(async () => {
  variants = await loadVariants();
});

/** [m, n, k] */
const SMALL_SHAPES: [number, number, number][] = [
  [0, 0, 0], [0, 5, 3], [4, 0, 3], [4, 5, 0], [1, 1, 1], [1, 9, 1], [9, 1, 1],
  [3, 5, 7], [13, 17, 19], [31, 33, 65], [97, 5, 131], [8, 16, 8], [17, 16, 15], [6, 48, 33],
];
const LARGE_SHAPES: [number, number, number][] = [
  [128, 768, 768], [32, 3072, 768], [32, 768, 3072], [768, 768, 64], [3, 3072, 5],
];
/** alpha and beta each from {0, 1, another value}. */
const SCALARS: [number, number][] = [
  [1, 0], [1, 1], [1, 0.5], [0, 0], [0, 1], [0, -2], [-1.5, 0], [-1.5, 1], [0.75, -0.25],
];
const TRANSPOSES: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

function operands(shape: MatmulShape, seed: number): { a: Float32Array; b: Float32Array; c: Float32Array } {
  const { m, n, k } = shape;
  return { a: randomArray(m * k, seed), b: randomArray(k * n, seed + 1), c: randomArray(m * n, seed + 2) };
}

/** Runs one case on the reference and on every variant and compares C. */
function checkCase(shape: MatmulShape, seed: number): void {
  const inputs = operands(shape, seed);
  const expected = runOn(reference, inputs, (t) => reference.matmul(t.a, t.b, t.c, shape)).out.c;
  const absAB = absProduct(inputs.a, inputs.b, shape.m, shape.n, shape.k, shape.transA, shape.transB);
  const tolerance = matmulTolerance(absAB, inputs.c, shape.k, shape.alpha, shape.beta);
  for (const variant of variants) {
    variant.select();
    const actual = runOn(variant.backend, inputs, (t) => variant.backend.matmul(t.a, t.b, t.c, shape)).out;
    expectWithin(`${variant.label}, ${JSON.stringify(shape)}`, actual.c, expected, tolerance);
    expectSame(`${variant.label}: A unchanged`, actual.a, inputs.a);
    expectSame(`${variant.label}: B unchanged`, actual.b, inputs.b);
  }
}

function transposeName(transA: boolean, transB: boolean): string {
  return `${transA ? 'A^T' : 'A'} ${transB ? 'B^T' : 'B'}`;
}

describe('matmul parity, small shapes', () => {
  for (const [m, n, k] of SMALL_SHAPES) {
    for (const [transA, transB] of TRANSPOSES) {
      test(`m=${m} n=${n} k=${k} ${transposeName(transA, transB)}`, () => {
        SCALARS.forEach(([alpha, beta], index) => {
          checkCase({ m, n, k, transA, transB, alpha, beta }, 1000 * m + 100 * n + k + index);
        });
      });
    }
  }
});

describe('matmul parity, layer-sized shapes', () => {
  for (const [m, n, k] of LARGE_SHAPES) {
    for (const [transA, transB] of [[false, true], [true, false], [false, false]] as const) {
      test(`m=${m} n=${n} k=${k} ${transposeName(transA, transB)}`, () => {
        checkCase({ m, n, k, transA, transB, alpha: 1, beta: 0 }, m + n + k);
        checkCase({ m, n, k, transA, transB, alpha: -0.5, beta: 1 }, m + n + k + 1);
      });
    }
  }

  test('m=768 n=768 k=768 A B^T', () => {
    checkCase({ m: 768, n: 768, k: 768, transA: false, transB: true, alpha: 1, beta: 0 }, 768);
  });
});

describe('matmul with beta 0', () => {
  test('ignores NaN already in C', () => {
    const shape: MatmulShape = { m: 19, n: 37, k: 23, transA: false, transB: false, alpha: 1, beta: 0 };
    const inputs = { ...operands(shape, 7), c: new Float32Array(19 * 37).fill(NaN) };
    for (const variant of variants) {
      variant.select();
      const actual = runOn(variant.backend, inputs, (t) => variant.backend.matmul(t.a, t.b, t.c, shape)).out.c;
      expect(actual.every(Number.isFinite), `${variant.label}: C is finite`).toBe(true);
    }
  });
});
