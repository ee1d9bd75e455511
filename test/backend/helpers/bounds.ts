// Error bounds for comparing float32 kernels with the TypeScript reference, and the check
// that applies them.
//
// A dot product of length k computed in float32, summed in any order (blocked, SIMD lanes,
// fused multiply-add), has a forward error of at most about k * u * sum(|a_i| |b_i|), where
// u = 2^-24 is the unit roundoff. The reference rounds too, so the bounds below allow both
// errors. They are worst-case bounds (to first order in u), so correct code stays within
// them. A wrong or missing term usually exceeds them, because one term of a length-768
// product with inputs in [-1, 1] is 0.25 on average, against a bound near 0.02.

import { expect } from 'vitest';

/** Unit roundoff of float32. */
export const U32 = 2 ** -24;

/** Element-wise |op(A)| |op(B)| in float64, the scale of a matrix product's rounding error. */
export function absProduct(
  a: Float32Array,
  b: Float32Array,
  m: number,
  n: number,
  k: number,
  transA: boolean,
  transB: boolean,
): Float64Array {
  // |op(A)| as [m, k] and |op(B)| as [k, n], so that the inner loop below runs over contiguous rows.
  const absA = new Float64Array(m * k);
  const absB = new Float64Array(k * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) absA[i * k + p] = Math.abs(transA ? a[p * m + i] : a[i * k + p]);
  for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) absB[p * n + j] = Math.abs(transB ? b[j * k + p] : b[p * n + j]);

  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < k; p++) {
      const aValue = absA[i * k + p];
      const bRow = p * n;
      for (let j = 0; j < n; j++) out[row + j] += aValue * absB[bRow + j];
    }
  }
  return out;
}

/** Tolerance of C = alpha op(A) op(B) + beta C0: 2 (k + 2) u (|alpha| |A||B| + |beta| |C0|) per element. */
export function matmulTolerance(absAB: Float64Array, c0: Float32Array, k: number, alpha: number, beta: number): Float64Array {
  const tolerance = new Float64Array(absAB.length);
  for (let i = 0; i < absAB.length; i++) {
    tolerance[i] = 2 * (k + 2) * U32 * (Math.abs(alpha) * absAB[i] + Math.abs(beta * c0[i]));
  }
  return tolerance;
}

/** Returns a tolerance of `relative` times |reference| plus `absolute`, per element. */
export function relativeTolerance(reference: ArrayLike<number>, relative: number, absolute = 0): Float64Array {
  return Float64Array.from(reference, (value) => relative * Math.abs(value) + absolute);
}

/**
 * Asserts that |actual[i] - expected[i]| <= tolerance[i] for every i (NaN fails). On failure
 * the message names the case and shows the worst element.
 */
export function expectWithin(label: string, actual: Float32Array, expected: ArrayLike<number>, tolerance: ArrayLike<number>): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst: { index: number; actual: number; expected: number; tolerance: number; excess: number } | null = null;
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - expected[i]);
    const excess = Number.isNaN(error) ? Infinity : error - tolerance[i];
    if (excess > 0 && (worst === null || excess > worst.excess)) {
      worst = { index: i, actual: actual[i], expected: expected[i], tolerance: tolerance[i], excess };
    }
  }
  expect(worst, `${label}: element outside tolerance`).toBeNull();
}

/** Asserts that `actual` equals `expected` element for element, e.g. that an input was not written. */
export function expectSame(label: string, actual: Float32Array, expected: Float32Array): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let first = -1;
  for (let i = 0; i < actual.length && first < 0; i++) {
    if (!Object.is(actual[i], expected[i])) first = i;
  }
  const detail = first < 0 ? null : { index: first, actual: actual[first], expected: expected[first] };
  expect(detail, `${label}: first differing element`).toBeNull();
}
