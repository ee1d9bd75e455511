// Bad input to the raw native addon: every call must throw a TypeError or RangeError whose
// message names the argument and the actual value, leave its outputs alone, and leave the
// process running.

import { beforeAll, describe, expect, test } from 'vitest';

import type { NativeAddon } from '../../src/backend/native/addon.js';
import { loadAddon } from '../../src/backend/native/load-addon.js';

let addon: NativeAddon;

beforeAll(() => {
  addon = loadAddon().addon;
});

/** Returns a Float32Array whose ArrayBuffer has been detached by a transfer. */
function detached(length: number): Float32Array {
  const array = new Float32Array(length);
  structuredClone(array.buffer, { transfer: [array.buffer] });
  return array;
}

const f32 = (length: number) => new Float32Array(length).fill(0.5);

interface BadCall {
  name: string;
  call: (a: NativeAddon) => unknown;
  error: typeof TypeError | typeof RangeError;
  message: RegExp;
}

/** matmul(A, B, C, 2, 3, 4, ...) with A [2, 4], B [4, 3], C [2, 3], replacing some arguments. */
function matmulWith(overrides: Partial<Record<'a' | 'b' | 'c' | 'm' | 'n' | 'k' | 'transA' | 'alpha', unknown>>) {
  const args = { a: f32(8), b: f32(12), c: f32(6), m: 2, n: 3, k: 4, transA: false, alpha: 1, ...overrides };
  return (a: NativeAddon) =>
    (a.matmul as (...values: unknown[]) => void)(args.a, args.b, args.c, args.m, args.n, args.k, args.transA, false, args.alpha, 0);
}

const shared = new Float32Array(16);

const BAD_CALLS: BadCall[] = [
  { name: 'Float64Array tensor', call: matmulWith({ a: new Float64Array(8) }), error: TypeError, message: /^matmul: A must be a Float32Array, got Float64Array$/ },
  { name: 'Int32Array tensor', call: matmulWith({ b: new Int32Array(12) }), error: TypeError, message: /B must be a Float32Array, got Int32Array/ },
  { name: 'plain array tensor', call: matmulWith({ a: [1, 2, 3, 4, 5, 6, 7, 8] }), error: TypeError, message: /A must be a Float32Array, got Array/ },
  { name: 'undefined tensor', call: matmulWith({ c: undefined }), error: TypeError, message: /C must be a Float32Array, got undefined/ },
  { name: 'string tensor', call: matmulWith({ a: 'abc' }), error: TypeError, message: /A must be a Float32Array, got string/ },
  { name: 'ArrayBuffer tensor', call: matmulWith({ a: new ArrayBuffer(32) }), error: TypeError, message: /A must be a Float32Array, got ArrayBuffer/ },
  { name: 'detached tensor', call: matmulWith({ a: detached(8) }), error: TypeError, message: /A must be a Float32Array with a live buffer, got one whose ArrayBuffer is detached/ },
  { name: 'SharedArrayBuffer tensor', call: matmulWith({ c: new Float32Array(new SharedArrayBuffer(24)) }), error: TypeError, message: /C must be a Float32Array over an ArrayBuffer, got one over a SharedArrayBuffer/ },
  { name: 'short tensor', call: matmulWith({ a: f32(7) }), error: RangeError, message: /^matmul: A has 7 elements but its shape \[2, 4\] needs 8$/ },
  { name: 'short transposed tensor', call: matmulWith({ transA: true, a: f32(7) }), error: RangeError, message: /A has 7 elements but its shape \[4, 2\] needs 8/ },
  { name: 'negative size', call: matmulWith({ m: -1 }), error: RangeError, message: /m must be a non-negative integer no larger than 2\^53 - 1, got -1$/ },
  { name: 'NaN size', call: matmulWith({ n: NaN }), error: RangeError, message: /n must be a non-negative integer .*, got NaN$/ },
  { name: 'fractional size', call: matmulWith({ k: 1.5 }), error: RangeError, message: /k must be a non-negative integer .*, got 1.5$/ },
  { name: 'infinite size', call: matmulWith({ k: Infinity }), error: RangeError, message: /got Infinity$/ },
  { name: 'unsafe integer size', call: matmulWith({ m: 2 ** 53 }), error: RangeError, message: /m must be .*, got 9007199254740992$/ },
  { name: 'huge size', call: matmulWith({ m: 2 ** 40, k: 2 }), error: RangeError, message: /A has 8 elements but its shape \[1099511627776, 2\] needs 2199023255552/ },
  { name: 'overflowing size', call: matmulWith({ m: 2 ** 52, k: 2 ** 52 }), error: RangeError, message: /A has shape \[4503599627370496, 4503599627370496\], whose element count does not fit in memory/ },
  { name: 'string size', call: matmulWith({ m: '2' }), error: TypeError, message: /m must be a number, got string/ },
  { name: 'bigint size', call: matmulWith({ m: 2n }), error: TypeError, message: /m must be a number, got bigint/ },
  { name: 'number for boolean', call: matmulWith({ transA: 1 }), error: TypeError, message: /transA must be a boolean, got number/ },
  { name: 'NaN alpha', call: matmulWith({ alpha: NaN }), error: RangeError, message: /alpha must be a finite number .*, got NaN/ },
  { name: 'alpha beyond float32', call: matmulWith({ alpha: 1e39 }), error: RangeError, message: /alpha must be a finite number within the float32 range .*, got 1e39/ },
  { name: 'output is an input', call: matmulWith({ a: shared.subarray(0, 8), c: shared.subarray(0, 6) }), error: RangeError, message: /C \(6 elements\) shares memory with A \(8 elements\)/ },
  { name: 'output overlaps an input', call: matmulWith({ b: shared.subarray(0, 12), c: shared.subarray(10, 16) }), error: RangeError, message: /C \(6 elements\) shares memory with B/ },
  { name: 'too few arguments', call: (a) => (a.matmul as (...v: unknown[]) => void)(f32(1), f32(1), f32(1)), error: TypeError, message: /^matmul: expected 10 arguments, got 3$/ },
  { name: 'too many arguments', call: (a) => (a.addBias as (...v: unknown[]) => void)(f32(1), f32(1), 1, 1, 1), error: TypeError, message: /addBias: expected 4 arguments, got 5/ },
  { name: 'unknown activation', call: (a) => a.activate('gelu', 0, f32(4), f32(4), 4), error: RangeError, message: /activation kind must be one of identity, relu, leaky_relu, tanh, sigmoid, got "gelu"/ },
  { name: 'long activation name', call: (a) => a.activate('x'.repeat(1000), 0, f32(4), f32(4), 4), error: RangeError, message: /activation kind must be a name of at most 64 bytes, got a string of 1000 bytes/ },
  { name: 'slope of 1', call: (a) => a.activate('leaky_relu', 1, f32(4), f32(4), 4), error: RangeError, message: /LeakyReLU slope must be in \[0, 1\), got 1$/ },
  { name: 'partly overlapping activation', call: (a) => a.activate('relu', 0, shared.subarray(0, 4), shared.subarray(2, 6), 4), error: RangeError, message: /y \(4 elements\) shares memory with x/ },
  { name: 'dx is y', call: (a) => a.activateBackward('tanh', 0, shared.subarray(0, 4), f32(4), shared.subarray(0, 4), 4), error: RangeError, message: /dx \(4 elements\) shares memory with y/ },
  { name: 'grad is logits', call: (a) => a.bceWithLogits(shared.subarray(0, 4), f32(4), shared.subarray(0, 4), 4, 1), error: RangeError, message: /grad \(4 elements\) shares memory with logits/ },
  { name: 'm is param', call: (a) => a.adam(shared.subarray(0, 4), f32(4), shared.subarray(0, 4), f32(4), 4, 0.1, 0.9, 0.999, 1e-8, 1), error: RangeError, message: /param \(4 elements\) shares memory with m/ },
  { name: 'adam step 0', call: (a) => a.adam(f32(4), f32(4), f32(4), f32(4), 4, 0.1, 0.9, 0.999, 1e-8, 0), error: RangeError, message: /step must be an integer in \[1, 4294967295\], got 0/ },
  { name: 'adam beta1 of 1', call: (a) => a.adam(f32(4), f32(4), f32(4), f32(4), 4, 0.1, 1, 0.999, 1e-8, 1), error: RangeError, message: /beta1: must be in \[0, 1\), got 1/ },
  { name: 'momentum without velocity', call: (a) => a.sgd(f32(4), f32(4), null, 4, 0.1, 0.9), error: RangeError, message: /velocity must be a tensor when momentum is not 0, got null with momentum 0.9/ },
  { name: 'velocity is param', call: (a) => a.sgd(shared.subarray(0, 4), f32(4), shared.subarray(0, 4), 4, 0.1, 0.9), error: RangeError, message: /shares memory/ },
  { name: 'Y overlaps X', call: (a) => a.denseForward(shared.subarray(0, 6), f32(6), f32(2), shared.subarray(4, 8), 2, 3, 2, 'relu', 0), error: RangeError, message: /Y \(4 elements\) shares memory with X \(6 elements\)/ },
  { name: 'dW overlaps dX', call: (a) => a.denseBackward(f32(6), f32(6), f32(4), f32(4), shared.subarray(0, 6), shared.subarray(5, 11), null, 2, 3, 2, 'relu', 0, false), error: RangeError, message: /dX \(6 elements\) shares memory with dW/ },
  { name: 'short optional gradient', call: (a) => a.denseBackward(f32(6), f32(6), f32(4), f32(4), null, null, f32(1), 2, 3, 2, 'relu', 0, false), error: RangeError, message: /db has 1 elements but its shape \[2\] needs 2/ },
  { name: 'zero threads', call: (a) => a.setThreads(0), error: RangeError, message: /threads must be an integer in \[1, 1024\], got 0/ },
  { name: 'unknown SIMD level', call: (a) => a.setSimdLevel('sse9'), error: RangeError, message: /SIMD level must be one of scalar, avx2-fma, avx512, neon, simd128, got "sse9"/ },
];

describe('native addon rejects bad input', () => {
  test.each(BAD_CALLS)('$name', ({ call, error, message }) => {
    let thrown: unknown;
    try {
      call(addon);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(error);
    expect((thrown as Error).message).toMatch(message);
  });

  test('ArrayBuffer.prototype.transfer detaches too, where it exists', () => {
    const transfer = (ArrayBuffer.prototype as { transfer?: (this: ArrayBuffer) => ArrayBuffer }).transfer;
    const array = new Float32Array(4);
    if (transfer === undefined) structuredClone(array.buffer, { transfer: [array.buffer] });
    else transfer.call(array.buffer);
    expect(() => addon.activate('relu', 0, array, f32(4), 4)).toThrow(/x must be a Float32Array with a live buffer/);
  });

  test('a rejected call leaves its output alone', () => {
    const c = new Float32Array(6).fill(3);
    expect(() => addon.matmul(f32(8), f32(11), c, 2, 3, 4, false, false, 1, 0)).toThrow(RangeError);
    expect(c).toEqual(new Float32Array(6).fill(3));
  });
});

describe('native addon allows the aliasing its operations support', () => {
  test('activate in place, activateBackward with dx = dy, matmul with A = B', () => {
    const x = new Float32Array([-1, 2]);
    addon.activate('relu', 0, x, x, 2);
    expect(x).toEqual(new Float32Array([0, 2]));
    const dy = new Float32Array([3, 4]);
    addon.activateBackward('relu', 0, x, dy, dy, 2);
    expect(dy).toEqual(new Float32Array([0, 4]));
    const a = new Float32Array([1, 2, 3, 4]);
    const c = new Float32Array(4);
    addon.matmul(a, a, c, 2, 2, 2, false, true, 1, 0);
    expect(c).toEqual(new Float32Array([5, 11, 11, 25]));
  });

  test('disjoint subarrays of one buffer are separate tensors', () => {
    const buffer = new Float32Array([-1, -2, 5, 6, 0, 0]);
    addon.activate('relu', 0, buffer.subarray(0, 2), buffer.subarray(4, 6), 2);
    addon.activate('identity', 0, buffer.subarray(2, 4), buffer.subarray(4, 6), 2);
    expect(Array.from(buffer)).toEqual([-1, -2, 5, 6, 5, 6]);
  });
});

describe('native addon after bad input', () => {
  test('still computes correctly', () => {
    const c = new Float32Array(1);
    addon.matmul(new Float32Array([1, 2]), new Float32Array([3, 4]), c, 1, 1, 2, false, false, 1, 0);
    expect(c[0]).toBe(11);
    expect(addon.info().threads).toBeGreaterThanOrEqual(1);
  });
});
