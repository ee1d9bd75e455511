// A naive i-k-j matrix multiply in plain TypeScript, the textbook loop. The speed targets come
// with a reference figure for this loop (1.1 GFLOP/s on a quiet 2-core x86-64 machine), so
// timing it here shows how fast this machine runs plain JavaScript compared with that one.

import type { BenchCase, CaseSpec } from './cases.js';
import { randomValues } from './cases.js';

/** C[m, n] <- A[m, k] * B[k, n], row-major, with the k loop outside the j loop. */
export function naiveMatmul(a: Float32Array, b: Float32Array, c: Float32Array, m: number, n: number, k: number): void {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const rowC = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      const rowB = p * n;
      for (let j = 0; j < n; j++) c[rowC + j] += aip * b[rowB + j];
    }
  }
}

/** Builds the naive loop's version of a matmul case. */
export function buildNaiveMatmulCase(spec: CaseSpec): BenchCase {
  if (spec.kind !== 'matmul') throw new Error(`the naive loop only runs matmul cases, not ${spec.id}`);
  const { rows, inner, columns } = spec.shape;
  const a = randomValues(rows * inner, 1);
  const b = randomValues(inner * columns, 1 / Math.sqrt(inner));
  const c = new Float32Array(rows * columns);
  return {
    spec,
    run: () => naiveMatmul(a, b, c, rows, columns, inner),
    dispose: () => undefined,
  };
}
