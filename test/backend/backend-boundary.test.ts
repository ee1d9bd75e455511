// Bad input through the Backend interface of the native and WASM backends. Values that are not
// tensors of this backend, wrong number types, invalid sizes, overlapping views and freed
// tensors all throw a TypeError or RangeError naming the value. The backend keeps working.

import { beforeAll, describe, expect, test } from 'vitest';

import { loadNativeBackend } from '../../src/backend/native/index.js';
import { createTsBackend } from '../../src/backend/ts/index.js';
import type { Backend, MatmulShape, Tensor } from '../../src/backend/types.js';
import { loadWasmBackend } from '../../src/backend/wasm/node.js';

const loaders: Record<string, () => Promise<Backend>> = {
  native: async () => loadNativeBackend(),
  wasm: () => loadWasmBackend(),
};

const SHAPE: MatmulShape = { m: 2, n: 3, k: 4, transA: false, transB: false, alpha: 1, beta: 0 };

describe.each(Object.keys(loaders))('%s backend rejects bad input', (name) => {
  let backend: Backend;
  let a: Tensor;
  let b: Tensor;
  let c: Tensor;

  beforeAll(async () => {
    backend = await loaders[name]();
    [a, b, c] = [backend.alloc(8), backend.alloc(12), backend.alloc(6)];
  });

  const notTensors: [string, unknown, RegExp][] = [
    ['Float64Array', new Float64Array(8), /got Float64Array$/],
    ['plain array', [1, 2, 3, 4, 5, 6, 7, 8], /got Array$/],
    ['undefined', undefined, /got undefined$/],
    ['string', 'tensor', /got string$/],
    ['ts backend tensor', createTsBackend().alloc(8), /got TsTensor$/],
  ];

  test.each(notTensors)('%s as a tensor', (_label, value, actual) => {
    const call = () => backend.matmul(value as Tensor, b, c, SHAPE);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(new RegExp(`^matmul: A must be a tensor made by this ${name} backend, `));
    expect(call).toThrow(actual);
  });

  test('a tensor of another backend instance', async () => {
    const other = await loaders[name]();
    expect(() => backend.matmul(other.alloc(8), b, c, SHAPE)).toThrow(/A must be a tensor made by this .* backend, got a tensor of another/);
  });

  const badSizes: [string, unknown, typeof TypeError | typeof RangeError, RegExp][] = [
    ['negative', -1, RangeError, /m must be a non-negative integer .*, got -1$/],
    ['NaN', NaN, RangeError, /m must be a non-negative integer .*, got NaN$/],
    ['huge', 2 ** 45, RangeError, /m must be|A has 8 elements but its shape \[35184372088832, 4\]/],
    ['fractional', 0.5, RangeError, /got 0.5$/],
    ['string', '2', TypeError, /m must be a number, got string$/],
    ['undefined', undefined, TypeError, /m must be a number, got undefined$/],
  ];

  test.each(badSizes)('%s size', (_label, m, error, message) => {
    const call = () => backend.matmul(a, b, c, { ...SHAPE, m: m as number });
    expect(call).toThrow(error);
    expect(call).toThrow(message);
  });

  test('short tensor', () => {
    expect(() => backend.matmul(backend.view(a, 0, 7), b, c, SHAPE)).toThrow(/A has 7 elements but its shape \[2, 4\] needs 8/);
  });

  test('output overlapping an input through views', () => {
    const base = backend.alloc(10);
    const call = () => backend.activate({ kind: 'tanh' }, backend.view(base, 0, 6), backend.view(base, 4, 6), 6);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/activate: y \(6 elements\) shares memory with x \(6 elements\)/);
    backend.free(base);
  });

  test('bad activation and shape objects', () => {
    expect(() => backend.activate({ kind: 'gelu' as 'relu' }, a, a, 8)).toThrow(RangeError);
    expect(() => backend.activate(undefined as never, a, a, 8)).toThrow(/activate: activation must be an object, got undefined/);
    expect(() => backend.activate({ kind: 'leaky_relu', slope: 2 }, a, a, 8)).toThrow(/LeakyReLU slope must be in \[0, 1\), got 2/);
    expect(() => backend.matmul(a, b, c, null as never)).toThrow(/matmul: shape must be an object, got null/);
    expect(() => backend.denseForward(a, b, c, c, { rows: 1, inputs: 1, outputs: '1' as never }, { kind: 'relu' })).toThrow(TypeError);
  });

  test('bad data for write and read', () => {
    expect(() => backend.write(a, new Float64Array(2) as never)).toThrow(/write: data must be a Float32Array, got Float64Array/);
    expect(() => backend.write(a, new Float32Array(9))).toThrow(/write: data has 9 elements but the tensor has only 8/);
    expect(() => backend.read(a, new Float32Array(7))).toThrow(/read: out has 7 elements but the tensor has 8/);
    expect(() => backend.alloc(-5)).toThrow(RangeError);
    expect(() => backend.alloc(NaN)).toThrow(/got NaN/);
  });

  test('freed tensor', () => {
    const freed = backend.alloc(8);
    backend.free(freed);
    const call = () => backend.matmul(freed, b, c, SHAPE);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/matmul: A was freed/);
  });

  test('still computes after the bad calls', () => {
    backend.write(a, new Float32Array([1, 0, 0, 0, 0, 1, 0, 0]));
    backend.write(b, Float32Array.from({ length: 12 }, (_, i) => i));
    backend.matmul(a, b, c, SHAPE);
    expect(Array.from(backend.read(c))).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
