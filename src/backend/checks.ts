// Argument checks shared by the TypeScript backend: each throws a RangeError or TypeError that
// names the argument, the expected value and the actual one.

import type { Activation } from './types.js';

/** Throws unless `value` is a non-negative safe integer. */
export function checkSize(what: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function checkFinite(what: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  }
}

/** Throws unless a tensor of `length` elements can hold `rows * cols` of them. */
export function checkHolds(what: string, length: number, rows: number, cols: number): void {
  const needed = rows * cols;
  if (!Number.isSafeInteger(needed)) {
    throw new RangeError(`${what}: ${rows} x ${cols} elements is too large`);
  }
  if (length < needed) {
    throw new RangeError(`${what} has ${length} elements but its shape [${rows}, ${cols}] needs ${needed}`);
  }
}

/** Returns the LeakyReLU slope of `act` (0 for the others), checked to be in [0, 1). */
export function leakySlope(act: Activation): number {
  if (act.kind !== 'leaky_relu') return 0;
  const slope = act.slope ?? 0.01;
  if (!Number.isFinite(slope) || slope < 0 || slope >= 1) {
    throw new RangeError(`LeakyReLU slope must be in [0, 1), got ${String(slope)}`);
  }
  return slope;
}
