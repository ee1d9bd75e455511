// Browser-safe entry point of the WASM backend: builds a backend from a compiled module or its
// bytes, however the caller obtained them (fetch in a browser, a file in Node). The Node loader
// that reads build/wasm/*.wasm from disk is in node.ts.

import { createWasmBackendFromKernels, type WasmBackend } from './backend.js';
import { WasmKernels } from './kernels.js';

export type { WasmBackend, WasmBuild } from './backend.js';
export type { RustBackendInfo } from '../rust/info.js';
export { WasmTensor } from './tensor.js';
export { wasmSimdSupported } from './simd-probe.js';

/** File names of the two builds in build/wasm, for a page to fetch the one `wasmSimdSupported()` allows. */
export const WASM_FILES = { simd: 'pixelgan-simd.wasm', scalar: 'pixelgan-scalar.wasm' } as const;

export interface WasmSourceOptions {
  /** Build of `source`, reported by `info()`: 'custom' when unknown. */
  build?: 'simd' | 'scalar' | 'custom';
  /** File the bytes came from, reported by `info()`. */
  file?: string;
}

/**
 * Instantiates the WASM module and returns a backend over it. Throws an Error when the bytes
 * are not a pixelgan module of the version this code expects, or when the engine cannot
 * compile them (for example a SIMD build on an engine without SIMD).
 */
export async function createWasmBackend(
  source: WebAssembly.Module | BufferSource,
  options: WasmSourceOptions = {},
): Promise<WasmBackend> {
  let kernels: WasmKernels;
  try {
    kernels = await WasmKernels.instantiate(source);
  } catch (error) {
    if (!(error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError)) throw error;
    throw new Error(`wasm backend unavailable: cannot instantiate the module: ${error.message}`, { cause: error });
  }
  return createWasmBackendFromKernels(kernels, { build: `wasm-${options.build ?? 'custom'}`, file: options.file });
}
