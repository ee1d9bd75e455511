// alloc, view, write, read and free on the native and WASM backends: zero-filling, shared
// storage of views, partial writes, freeing, and WASM memory growth.

import { beforeAll, describe, expect, test } from 'vitest';

import { loadNativeBackend } from '../../src/backend/native/index.js';
import type { Backend } from '../../src/backend/types.js';
import type { WasmBackend } from '../../src/backend/wasm/index.js';
import { loadWasmBackend } from '../../src/backend/wasm/node.js';

const backends: Record<string, () => Promise<Backend>> = {
  native: async () => loadNativeBackend(),
  'wasm SIMD build': () => loadWasmBackend({ simd: true }),
  'wasm scalar build': () => loadWasmBackend({ simd: false }),
};

describe.each(Object.keys(backends))('%s memory', (name) => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await backends[name]();
  });

  test('alloc is zero-filled', () => {
    for (const length of [0, 1, 17, 3072]) {
      const t = backend.alloc(length);
      expect(t.length).toBe(length);
      expect(backend.read(t)).toEqual(new Float32Array(length));
      backend.free(t);
    }
  });

  test('write then read round-trips, partial writes keep the tail', () => {
    const t = backend.alloc(5);
    backend.write(t, new Float32Array([1, 2, 3, 4, 5]));
    backend.write(t, new Float32Array([-1, -2]));
    expect(backend.read(t)).toEqual(new Float32Array([-1, -2, 3, 4, 5]));
    const out = new Float32Array(7).fill(9);
    expect(backend.read(t, out)).toBe(out);
    expect(out).toEqual(new Float32Array([-1, -2, 3, 4, 5, 9, 9]));
    backend.free(t);
  });

  test('views share storage with their base', () => {
    const base = backend.alloc(10);
    backend.write(base, Float32Array.from({ length: 10 }, (_, i) => i));
    const middle = backend.view(base, 2, 6);
    const inner = backend.view(middle, 1, 3);
    expect(backend.read(inner)).toEqual(new Float32Array([3, 4, 5]));
    backend.write(inner, new Float32Array([30, 40]));
    expect(backend.read(base)).toEqual(new Float32Array([0, 1, 2, 30, 40, 5, 6, 7, 8, 9]));
    expect(backend.view(base, 10, 0).length).toBe(0);
    expect(() => backend.view(base, 5, 6)).toThrow(RangeError);
    expect(() => backend.view(middle, 0, 7)).toThrow(/outside the base tensor of 6 elements/);
    backend.free(base);
  });

  test('an operation on views touches only their elements', () => {
    const base = backend.alloc(8);
    backend.write(base, new Float32Array([-1, -2, -3, -4, 5, 6, 7, 8]));
    backend.activate({ kind: 'relu' }, backend.view(base, 0, 4), backend.view(base, 4, 4), 4);
    expect(backend.read(base)).toEqual(new Float32Array([-1, -2, -3, -4, 0, 0, 0, 0]));
    backend.free(base);
  });

  test('freeing a view is a no-op, freeing the base invalidates its views', () => {
    const base = backend.alloc(4);
    const view = backend.view(base, 1, 2);
    backend.free(view);
    expect(backend.read(base)).toEqual(new Float32Array(4));
    backend.free(base);
    expect(() => backend.read(base)).toThrow(/read: tensor was freed/);
    expect(() => backend.read(view)).toThrow(RangeError);
    expect(() => backend.activate({ kind: 'relu' }, view, view, 2)).toThrow(/activate: x was freed/);
    expect(() => backend.free(base)).toThrow(/free: tensor was freed/);
  });
});

describe('wasm memory growth', () => {
  test('tensors keep their contents when an allocation grows the memory', async () => {
    const backend: WasmBackend = await loadWasmBackend();
    const small = backend.alloc(1000);
    const values = Float32Array.from({ length: 1000 }, (_, i) => i * 0.5);
    backend.write(small, values);
    const liveBefore = backend.liveTensors();
    // 64 MiB: far beyond the module's initial memory, so memory.grow replaces memory.buffer.
    const large = backend.alloc(16 * 1024 * 1024);
    expect(backend.read(small)).toEqual(values);
    backend.write(large, new Float32Array([1, 2, 3]));
    expect(backend.read(backend.view(large, 0, 4))).toEqual(new Float32Array([1, 2, 3, 0]));
    expect(backend.liveTensors()).toBe(liveBefore + 1);
    backend.free(large);
    backend.free(small);
    expect(backend.liveTensors()).toBe(liveBefore - 1);
  });
});
