// Loading the native and WASM backends: options, the info the doctor command prints, and the
// errors that explain why a backend cannot load.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { loadNativeBackend } from '../../src/backend/native/index.js';
import { describeMissingAddon } from '../../src/backend/native/load-addon.js';
import { napiPlatformName } from '../../src/backend/native/platform.js';
import { createWasmBackend, wasmSimdSupported } from '../../src/backend/wasm/index.js';
import { defaultWasmFolder, loadWasmBackend } from '../../src/backend/wasm/node.js';

function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), 'pixelgan-loader-test-'));
}

describe('loadNativeBackend', () => {
  test('reports its build, SIMD level and threads', () => {
    const backend = loadNativeBackend();
    const info = backend.info();
    expect(info.backend).toBe('native');
    expect(info.file?.endsWith(`pixelgan.${napiPlatformName()}.node`)).toBe(true);
    expect(info.availableLevels[0]).toBe('scalar');
    expect(info.availableLevels).toContain(info.simdLevel);
    expect(info.threads).toBeGreaterThanOrEqual(1);
    expect(backend.describe()).toBe(`native ${info.simdLevel}, ${info.threads} ${info.threads === 1 ? 'thread' : 'threads'}`);
  });

  test('applies the simdLevel and threads options', () => {
    const backend = loadNativeBackend({ simdLevel: 'scalar', threads: 1 });
    expect(backend.info().simdLevel).toBe('scalar');
    expect(backend.describe()).toBe('native scalar, 1 thread');
    const widest = backend.info().availableLevels.at(-1) as string;
    backend.setSimdLevel(widest);
    expect(backend.info().simdLevel).toBe(widest);
  });

  test('rejects an unavailable SIMD level and bad thread counts', () => {
    expect(() => loadNativeBackend({ simdLevel: 'neon' })).toThrow(/SIMD level neon is not available on this CPU or in this build; available: scalar/);
    expect(() => loadNativeBackend({ threads: 0 })).toThrow(RangeError);
    expect(() => loadNativeBackend({ threads: 2.5 })).toThrow(/threads must be .*, got 2.5/);
  });

  test('names a missing file and the build command', () => {
    const path = join(scratchFolder(), 'missing.node');
    expect(() => loadNativeBackend({ path })).toThrow(`native backend unavailable: ${path} not found; check the path or run \`npm run build:rust\``);
  });

  test('explains a file that is not an addon', () => {
    const path = join(scratchFolder(), 'broken.node');
    writeFileSync(path, 'not a shared library');
    expect(() => loadNativeBackend({ path })).toThrow(new RegExp(`^native backend unavailable: cannot load ${path}: .*; run \`npm run build:rust\``));
  });

  test('names builds for other platforms', () => {
    const folder = scratchFolder();
    writeFileSync(join(folder, 'pixelgan.other-platform.node'), '');
    const message = describeMissingAddon(join(folder, `pixelgan.${napiPlatformName()}.node`), true);
    expect(message).toMatch(/has pixelgan\.other-platform\.node, built for another platform/);
    expect(message).toContain(`this process (${napiPlatformName()}) needs`);
  });
});

describe('loadWasmBackend', () => {
  test('picks the SIMD build on an engine with SIMD', async () => {
    expect(wasmSimdSupported()).toBe(true);
    const info = (await loadWasmBackend()).info();
    expect(info).toMatchObject({ backend: 'wasm', build: 'wasm-simd', simdLevel: 'simd128', availableLevels: ['scalar', 'simd128'], threads: 1 });
    expect(info.file).toBe(join(defaultWasmFolder(), 'pixelgan-simd.wasm'));
  });

  test('loads the scalar build on request', async () => {
    const backend = await loadWasmBackend({ simd: false });
    expect(backend.info()).toMatchObject({ build: 'wasm-scalar', simdLevel: 'scalar', availableLevels: ['scalar'] });
    expect(backend.describe()).toBe('wasm scalar build, scalar, 1 thread');
    expect(() => backend.setSimdLevel('simd128')).toThrow(/SIMD level simd128 is not available .*; available: scalar/);
  });

  test('rejects more than one thread', async () => {
    const backend = await loadWasmBackend();
    expect(() => backend.setThreads(2)).toThrow(/threads must be 1 in the WebAssembly build/);
    backend.setThreads(1);
  });

  test('names a missing file', async () => {
    const wasmPath = join(scratchFolder(), 'missing.wasm');
    await expect(loadWasmBackend({ wasmPath })).rejects.toThrow(`wasm backend unavailable: ${wasmPath} not found`);
  });

  test('explains bytes that are not WebAssembly', async () => {
    await expect(loadWasmBackend({ bytes: new Uint8Array([1, 2, 3]) })).rejects.toThrow(/^wasm backend unavailable: cannot instantiate the module: /);
  });

  test('explains a module that is not a pixelgan build', async () => {
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(createWasmBackend(empty)).rejects.toThrow(/^wasm backend unavailable: the module lacks pg_api_version, .*memory; it is not a pixelgan build$/);
  });

  test('accepts bytes from the caller', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(join(defaultWasmFolder(), 'pixelgan-scalar.wasm')));
    const backend = await loadWasmBackend({ bytes });
    expect(backend.info()).toMatchObject({ build: 'wasm-custom', simdLevel: 'scalar' });
    expect(backend.info().file).toBeUndefined();
  });
});
