// Small numeric helpers for tests: seeded data and finite differences.

import { Rng } from '../../src/random/rng.js';

/** n values from U(-scale, scale), reproducible from `seed`. */
export function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng.uniform() - 1) * scale;
  return out;
}

/**
 * Central difference (f(x + h) - f(x - h)) / 2h of `loss` with respect to values[index].
 * `loss` reads `values`, which is restored afterwards.
 */
export function centralDifference(values: Float32Array, index: number, step: number, loss: () => number): number {
  const saved = values[index];
  values[index] = saved + step;
  const plus = loss();
  values[index] = saved - step;
  const minus = loss();
  values[index] = saved;
  return (plus - minus) / (2 * step);
}

/** Throws with the index and both values when |a - b| > atol + rtol * |b| for some element. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol: number, label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= atol + rtol * Math.abs(expected[i]))) {
      throw new Error(`${label}: element ${i} is ${actual[i]}, expected ${expected[i]} (|diff| ${diff.toExponential(2)} > ${atol} + ${rtol} * |expected|)`);
    }
  }
}
