// The Rust backend variants that the parity tests compare against the TypeScript reference.
// They are the native addon at each SIMD level this CPU has, plus the widest level on one
// thread, and the WASM module's SIMD build, that build forced to its scalar level, and the
// scalar build.

import { loadNativeBackend, type NativeBackend } from '../../../src/backend/native/index.js';
import { loadWasmBackend } from '../../../src/backend/wasm/node.js';
import type { WasmBackend } from '../../../src/backend/wasm/index.js';
import type { Backend } from '../../../src/backend/types.js';

export interface Variant {
  label: string;
  backend: Backend;
  /** Applies this variant's engine settings; variants can share one engine. */
  select(): void;
}

function nativeVariants(native: NativeBackend): Variant[] {
  const { availableLevels, threads } = native.info();
  const variants = availableLevels.map((level) => ({
    label: `native ${level}, ${threads} threads`,
    backend: native,
    select: () => {
      native.setSimdLevel(level);
      native.setThreads(threads);
    },
  }));
  const widest = availableLevels[availableLevels.length - 1];
  variants.push({
    label: `native ${widest}, 1 thread`,
    backend: native,
    select: () => {
      native.setSimdLevel(widest);
      native.setThreads(1);
    },
  });
  return variants;
}

function wasmVariants(simd: WasmBackend, scalar: WasmBackend): Variant[] {
  return [
    { label: 'wasm SIMD build', backend: simd, select: () => simd.setSimdLevel('simd128') },
    { label: 'wasm SIMD build at scalar level', backend: simd, select: () => simd.setSimdLevel('scalar') },
    { label: 'wasm scalar build', backend: scalar, select: () => undefined },
  ];
}

/** Loads every variant; a missing build fails here with the loader's message. */
export async function loadVariants(): Promise<Variant[]> {
  const native = loadNativeBackend();
  const simd = await loadWasmBackend({ simd: true });
  const scalar = await loadWasmBackend({ simd: false });
  return [...nativeVariants(native), ...wasmVariants(simd, scalar)];
}
