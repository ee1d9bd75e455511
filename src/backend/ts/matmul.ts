// Matrix multiply for the TypeScript backend: C <- alpha * op(A) * op(B) + beta * C.
//
// Every case is reduced to one kernel on "A rows times B^T rows": op(A) as [m, k] and op(B)^T
// as [n, k], both row-major, so each element of C is a dot product of two contiguous rows.
// Operands that are stored the other way round are transposed into scratch first, which costs
// O(mk + nk) next to the O(mnk) product. The kernel computes a 4x4 block of C at a time with 16
// accumulators, so each loaded element is used four times, and keeps 4 rows of B^T hot in the
// L1 cache while it sweeps all rows of A.

import type { MatmulShape } from '../types.js';

/** Rows and columns of C computed together by the register-blocked kernel. */
const BLOCK = 4;

/** Grow-only scratch memory, so that steady-state training allocates nothing per call. */
export class Scratch {
  private bufferA = new Float32Array(0);
  private bufferB = new Float32Array(0);

  forA(length: number): Float32Array {
    if (this.bufferA.length < length) this.bufferA = new Float32Array(length);
    return this.bufferA;
  }

  forB(length: number): Float32Array {
    if (this.bufferB.length < length) this.bufferB = new Float32Array(length);
    return this.bufferB;
  }
}

/** Writes the transpose of the [rows, cols] matrix `src` into `dst` as [cols, rows]. */
export function transpose(src: Float32Array, rows: number, cols: number, dst: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const rowStart = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[rowStart + c];
  }
}

/**
 * C[m, n] <- alpha * op(A) * op(B) + beta * C on plain arrays whose lengths the caller has
 * checked. With beta = 0, C is written without being read.
 */
export function matmul(a: Float32Array, b: Float32Array, c: Float32Array, s: MatmulShape, scratch: Scratch): void {
  const { m, n, k } = s;
  if (m === 0 || n === 0) return;
  if (k === 0) {
    scaleC(c, m * n, s.beta);
    return;
  }

  // op(A) as [m, k]: stored as [k, m] when transA, so transpose it.
  let rowsA = a;
  if (s.transA) {
    rowsA = scratch.forA(m * k);
    transpose(a, k, m, rowsA);
  }

  // op(B)^T as [n, k]: B stored as [k, n] (no transB) is transposed; B stored as [n, k] is used as is.
  let rowsB = b;
  if (!s.transB) {
    rowsB = scratch.forB(n * k);
    transpose(b, k, n, rowsB);
  }

  dotRowsKernel(rowsA, rowsB, c, m, n, k, s.alpha, s.beta);
}

function scaleC(c: Float32Array, length: number, beta: number): void {
  if (beta === 0) {
    c.fill(0, 0, length);
    return;
  }
  for (let i = 0; i < length; i++) c[i] *= beta;
}

/** Stores alpha * dot + beta * C[index], skipping the read of C when beta = 0. */
function store(c: Float32Array, index: number, dot: number, alpha: number, beta: number): void {
  c[index] = beta === 0 ? alpha * dot : alpha * dot + beta * c[index];
}

/** C[i, j] <- alpha * (A row i . B row j) + beta * C[i, j], with A [m, k] and B [n, k]. */
function dotRowsKernel(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  m: number,
  n: number,
  k: number,
  alpha: number,
  beta: number,
): void {
  const mBlocked = m - (m % BLOCK);
  const nBlocked = n - (n % BLOCK);
  for (let j = 0; j < nBlocked; j += BLOCK) {
    for (let i = 0; i < mBlocked; i += BLOCK) block4x4(a, b, c, i, j, n, k, alpha, beta);
    for (let i = mBlocked; i < m; i++) {
      for (let jj = j; jj < j + BLOCK; jj++) store(c, i * n + jj, dot(a, i * k, b, jj * k, k), alpha, beta);
    }
  }
  for (let j = nBlocked; j < n; j++) {
    for (let i = 0; i < m; i++) store(c, i * n + j, dot(a, i * k, b, j * k, k), alpha, beta);
  }
}

function dot(a: Float32Array, aStart: number, b: Float32Array, bStart: number, k: number): number {
  let sum = 0;
  for (let p = 0; p < k; p++) sum += a[aStart + p] * b[bStart + p];
  return sum;
}

/** Computes the 4x4 block of C at rows i..i+3 and columns j..j+3 with 16 accumulators. */
function block4x4(
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  i: number,
  j: number,
  n: number,
  k: number,
  alpha: number,
  beta: number,
): void {
  const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
  const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < k; p++) {
    const x0 = a[a0 + p], x1 = a[a1 + p], x2 = a[a2 + p], x3 = a[a3 + p];
    const y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
    c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
    c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
    c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
    c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
  }
  const r0 = i * n + j, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
  store(c, r0, c00, alpha, beta); store(c, r0 + 1, c01, alpha, beta); store(c, r0 + 2, c02, alpha, beta); store(c, r0 + 3, c03, alpha, beta);
  store(c, r1, c10, alpha, beta); store(c, r1 + 1, c11, alpha, beta); store(c, r1 + 2, c12, alpha, beta); store(c, r1 + 3, c13, alpha, beta);
  store(c, r2, c20, alpha, beta); store(c, r2 + 1, c21, alpha, beta); store(c, r2 + 2, c22, alpha, beta); store(c, r2 + 3, c23, alpha, beta);
  store(c, r3, c30, alpha, beta); store(c, r3 + 1, c31, alpha, beta); store(c, r3 + 2, c32, alpha, beta); store(c, r3 + 3, c33, alpha, beta);
}
