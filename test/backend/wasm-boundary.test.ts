// Bad input to the raw WASM module: no handle, offset or length may make it touch memory
// outside a live allocation. Each call must return an error status with a message naming the
// value, leave neighbouring tensors alone, and leave the module usable.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import { ACTIVATION_KINDS, STATUS_OK, STATUS_RANGE_ERROR, STATUS_TYPE_ERROR, type WasmExports } from '../../src/backend/wasm/exports.js';
import { WasmKernels } from '../../src/backend/wasm/kernels.js';
import { defaultWasmFolder } from '../../src/backend/wasm/node.js';

const RELU = ACTIVATION_KINDS.indexOf('relu');
const CANARY = 7;

let kernels: WasmKernels;
let e: WasmExports;
/** Handles of three 4-element tensors: `target` between two canaries, set by beforeAll. */
const handles = { before: 0, target: 0, after: 0 };
type HandleName = keyof typeof handles;

/** A handle by name, read when the call runs, or a literal (invalid) handle. */
const resolve = (handle: HandleName | number) => (typeof handle === 'number' ? handle : handles[handle]);

function readBuild(file: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(join(defaultWasmFolder(), file)));
}

function alloc(length: number): number {
  return kernels.call('alloc', (x) => x.pg_alloc(length));
}

function contents(handle: number, length: number): Float32Array {
  const address = kernels.call('read', (x) => x.pg_data_address(handle, 0, length));
  return kernels.floats(address, length).slice();
}

function fill(handle: number, length: number, value: number): void {
  const address = kernels.call('write', (x) => x.pg_data_address(handle, 0, length));
  kernels.floats(address, length).fill(value);
}

beforeAll(async () => {
  kernels = await WasmKernels.instantiate(readBuild('pixelgan-simd.wasm'));
  e = kernels.exports;
  handles.before = alloc(4);
  handles.target = alloc(4);
  handles.after = alloc(4);
  fill(handles.before, 4, CANARY);
  fill(handles.after, 4, CANARY);
});

interface RawCall {
  name: string;
  call: () => number;
  status: number;
  message: RegExp;
}

/** relu from x = (xHandle, xOffset, xLength) into the whole target tensor, n elements. */
const reluFrom = (xHandle: HandleName | number, xOffset: number, xLength: number, n = 4) => () =>
  e.pg_activate(RELU, 0, resolve(xHandle), xOffset, xLength, handles.target, 0, 4, n);
/** relu from the canary `before` into y = (handle, offset, length). */
const reluInto = (yHandle: HandleName | number, yOffset: number, yLength: number, n = 4) => () =>
  e.pg_activate(RELU, 0, handles.before, 0, 4, resolve(yHandle), yOffset, yLength, n);

const RAW_CALLS: RawCall[] = [
  { name: 'handle 0 where a tensor is required', call: reluInto(0, 0, 4), status: STATUS_RANGE_ERROR, message: /^activate: y handle must be an integer in \[1, 2\^32 - 1\], got 0$/ },
  { name: 'unknown handle', call: reluInto(999, 0, 4), status: STATUS_RANGE_ERROR, message: /y refers to tensor handle 999, which is not allocated/ },
  { name: 'negative handle', call: reluInto(-1, 0, 4), status: STATUS_RANGE_ERROR, message: /y handle must be .*, got -1$/ },
  { name: 'NaN handle', call: reluInto(NaN, 0, 4), status: STATUS_RANGE_ERROR, message: /got NaN$/ },
  { name: 'fractional handle', call: reluInto(1.5, 0, 4), status: STATUS_RANGE_ERROR, message: /got 1.5$/ },
  { name: 'handle beyond 32 bits', call: reluInto(2 ** 32 + 1, 0, 4), status: STATUS_RANGE_ERROR, message: /got 4294967297$/ },
  { name: 'offset past the end', call: reluInto('target', 2, 4), status: STATUS_RANGE_ERROR, message: /y covers elements \[2, 6\) of tensor handle \d+, which has only 4 elements/ },
  { name: 'length past the end', call: reluFrom('target', 0, 5), status: STATUS_RANGE_ERROR, message: /x covers elements \[0, 5\)/ },
  { name: 'offset at 2^32 - 1', call: reluFrom('target', 2 ** 32 - 1, 2), status: STATUS_RANGE_ERROR, message: /x covers elements \[4294967295, 4294967297\)/ },
  { name: 'negative offset', call: reluFrom('target', -4, 4), status: STATUS_RANGE_ERROR, message: /x offset must be a non-negative integer .*, got -4$/ },
  { name: 'NaN length', call: reluFrom('target', 0, NaN), status: STATUS_RANGE_ERROR, message: /x length must be .*, got NaN$/ },
  { name: 'length beyond 32 bits', call: reluFrom('target', 0, 2 ** 40), status: STATUS_RANGE_ERROR, message: /x length must be at most 4294967295 on this platform, got 1099511627776/ },
  { name: 'n larger than the tensors', call: reluFrom('target', 0, 4, 5), status: STATUS_RANGE_ERROR, message: /x has 4 elements but its shape \[5\] needs 5/ },
  { name: 'overlapping ranges of one tensor', call: () => e.pg_activate(RELU, 0, handles.target, 0, 3, handles.target, 1, 3, 3), status: STATUS_RANGE_ERROR, message: /y \(3 elements\) shares memory with x \(3 elements\)/ },
  { name: 'unknown activation code', call: () => e.pg_activate(9, 0, handles.before, 0, 4, handles.target, 0, 4, 4), status: STATUS_RANGE_ERROR, message: /activation code must be in \[0, 4\], got 9/ },
  { name: 'boolean other than 0 or 1', call: () => e.pg_matmul(handles.before, 0, 4, handles.before, 0, 4, handles.target, 0, 4, 2, 2, 2, 2, 0, 1, 0), status: STATUS_TYPE_ERROR, message: /transA must be a boolean \(0 or 1\), got 2/ },
  { name: 'address past the end', call: () => e.pg_data_address(handles.target, 3, 2), status: STATUS_RANGE_ERROR, message: /tensor covers elements \[3, 5\)/ },
  { name: 'alloc beyond 32 bits', call: () => e.pg_alloc(2 ** 40), status: STATUS_RANGE_ERROR, message: /length must be at most 4294967295 on this platform/ },
  { name: 'alloc beyond memory', call: () => e.pg_alloc(2 ** 30), status: STATUS_RANGE_ERROR, message: /cannot allocate a tensor of 1073741824 elements \(4294967296 bytes\)/ },
  { name: 'negative alloc', call: () => e.pg_alloc(-1), status: STATUS_RANGE_ERROR, message: /length must be a non-negative integer .*, got -1/ },
  { name: 'free of unknown handle', call: () => e.pg_free(12345), status: STATUS_RANGE_ERROR, message: /tensor refers to tensor handle 12345, which is not allocated/ },
  { name: 'two threads', call: () => e.pg_set_threads(2), status: STATUS_RANGE_ERROR, message: /threads must be 1 in the WebAssembly build, which runs on one thread, got 2/ },
  { name: 'unavailable SIMD level', call: () => e.pg_set_level(2), status: STATUS_RANGE_ERROR, message: /SIMD level avx512 is not available on this CPU or in this build; available: scalar, simd128/ },
];

describe('wasm module rejects bad input', () => {
  test.each(RAW_CALLS)('$name', ({ call, status, message }) => {
    expect(call()).toBe(status);
    expect(kernels.message()).toMatch(message);
    expect(contents(handles.before, 4), 'tensor before the target').toEqual(new Float32Array(4).fill(CANARY));
    expect(contents(handles.after, 4), 'tensor after the target').toEqual(new Float32Array(4).fill(CANARY));
  });

  test('a freed handle is never reused', () => {
    const freed = alloc(4);
    expect(e.pg_free(freed)).toBe(STATUS_OK);
    const next = alloc(4);
    expect(next).not.toBe(freed);
    expect(reluInto(freed, 0, 4)()).toBe(STATUS_RANGE_ERROR);
    expect(kernels.message()).toMatch(new RegExp(`y refers to tensor handle ${freed}, which is not allocated`));
    expect(e.pg_free(next)).toBe(STATUS_OK);
  });

  test('a trap stops the instance with an Error', async () => {
    const trapped = await WasmKernels.instantiate(readBuild('pixelgan-scalar.wasm'));
    expect(() =>
      trapped.call('matmul', () => {
        throw new WebAssembly.RuntimeError('unreachable');
      }),
    ).toThrow(/matmul: internal error in the pixelgan WASM module \(unreachable\)/);
    expect(() => trapped.call('info', (x) => x.pg_info())).toThrow(/info: this WASM backend stopped after an internal error/);
  });
});

describe('wasm module after bad input', () => {
  test('still computes correctly', async () => {
    const fresh = await WasmKernels.instantiate(readBuild('pixelgan-scalar.wasm'));
    const x = fresh.call('alloc', (m) => m.pg_alloc(3));
    const address = fresh.call('write', (m) => m.pg_data_address(x, 0, 3));
    fresh.floats(address, 3).set([-1, 0.5, 2]);
    fresh.call('activate', (m) => m.pg_activate(RELU, 0, x, 0, 3, x, 0, 3, 3));
    expect(Array.from(fresh.floats(fresh.call('read', (m) => m.pg_data_address(x, 0, 3)), 3))).toEqual([0, 0.5, 2]);
    expect(reluFrom('target', 0, 4)()).toBe(STATUS_OK);
    expect(contents(handles.target, 4)).toEqual(new Float32Array(4));
  });
});
