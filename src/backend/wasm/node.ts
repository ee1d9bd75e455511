// Node loader of the WASM backend: reads build/wasm/pixelgan-simd.wasm or
// pixelgan-scalar.wasm from disk and picks the SIMD build when this Node runs it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { findPackageRoot } from '../rust/package-root.js';
import { createWasmBackend, WASM_FILES, type WasmBackend } from './index.js';

const BUILD_HINT =
  'run `npm run build:rust` (needs rustc, cargo and the wasm32-unknown-unknown target: ' +
  '`apt-get install rustc cargo libstd-rust-dev-wasm32`, or `rustup target add wasm32-unknown-unknown`)';

export interface WasmBackendOptions {
  /** true: the SIMD build or an error; false: the scalar build; 'auto' (default): SIMD when this engine validates it. */
  simd?: boolean | 'auto';
  /** Load this .wasm file instead of build/wasm/*.wasm. */
  wasmPath?: string;
  /** Use these module bytes instead of reading a file. */
  bytes?: BufferSource;
}

/** Returns the folder holding the WASM builds, build/wasm in the package. */
export function defaultWasmFolder(): string {
  return join(findPackageRoot(import.meta.url), 'build', 'wasm');
}

/**
 * Loads the WASM module and returns a backend over it. Throws an Error naming the reason
 * when it cannot: file missing, SIMD requested but unsupported, stale or foreign module.
 */
export async function loadWasmBackend(options: WasmBackendOptions = {}): Promise<WasmBackend> {
  if (options.bytes !== undefined) return createWasmBackend(options.bytes, { build: buildOfFlag(options.simd) });
  if (options.wasmPath !== undefined) {
    const bytes = readBuild(options.wasmPath, `check the path or ${BUILD_HINT}`);
    return createWasmBackend(bytes, { build: buildOfFlag(options.simd), file: options.wasmPath });
  }

  const folder = defaultWasmFolder();
  const simdFile = join(folder, WASM_FILES.simd);
  const scalarFile = join(folder, WASM_FILES.scalar);
  const simd = options.simd ?? 'auto';
  if (simd !== false && existsSync(simdFile)) {
    const bytes = readBuild(simdFile, BUILD_HINT);
    if (WebAssembly.validate(bytes)) return createWasmBackend(bytes, { build: 'simd', file: simdFile });
    if (simd === true) {
      throw new Error(`wasm backend unavailable: this Node ${process.version} cannot run the SIMD build ${simdFile}; use simd: 'auto' or false`);
    }
  } else if (simd === true) {
    throw new Error(`wasm backend unavailable: ${simdFile} not found; ${BUILD_HINT}`);
  }
  return createWasmBackend(readBuild(scalarFile, BUILD_HINT), { build: 'scalar', file: scalarFile });
}

/** Returns the build name of caller-given bytes, known only from a boolean `simd` option. */
function buildOfFlag(simd: boolean | 'auto' | undefined): 'simd' | 'scalar' | 'custom' {
  if (simd === true) return 'simd';
  if (simd === false) return 'scalar';
  return 'custom';
}

function readBuild(file: string, hint: string): Uint8Array<ArrayBuffer> {
  if (!existsSync(file)) throw new Error(`wasm backend unavailable: ${file} not found; ${hint}`);
  // Copied into a plain ArrayBuffer: a Buffer may sit in Node's shared pool.
  return new Uint8Array(readFileSync(file));
}
