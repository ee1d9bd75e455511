// The configurations the benchmark times: each backend that loads here, the native backend at
// each SIMD level and thread count, both WASM builds, and the naive TypeScript loop.

import { availableParallelism } from 'node:os';

import { loadNativeBackend, type NativeBackend } from '../src/backend/native/index.js';
import { createTsBackend } from '../src/backend/ts/index.js';
import type { Backend } from '../src/backend/types.js';
import { loadWasmBackend } from '../src/backend/wasm/node.js';
import type { CaseSpec } from './cases.js';

export type VariantFamily = 'ts' | 'ts-naive' | 'wasm' | 'native';

export interface Variant {
  /** e.g. "ts", "wasm-simd" or "native-avx512-t2". */
  id: string;
  family: VariantFamily;
  /** Words that select this variant in `--only`: its family, its id and, for native, the level. */
  tags: string[];
  /** null for the naive loop, which is not a backend. */
  backend: Backend | null;
  threads: number;
  /** Applies this variant's SIMD level and thread count, which native backends share. */
  activate(): void;
  /** One line on what runs, read after `activate`. */
  describe(): string;
  supports(spec: CaseSpec): boolean;
}

export interface SkippedVariant {
  id: string;
  reason: string;
}

const everyCase = (): boolean => true;

function tsVariant(): Variant {
  const backend = createTsBackend();
  return {
    id: 'ts', family: 'ts', tags: ['ts'], backend, threads: 1,
    activate: () => undefined, describe: () => backend.describe(), supports: everyCase,
  };
}

function naiveVariant(): Variant {
  return {
    id: 'ts-naive', family: 'ts-naive', tags: ['ts-naive'], backend: null, threads: 1,
    activate: () => undefined,
    describe: () => 'naive i-k-j loop in TypeScript, 1 thread (matmul only)',
    supports: (spec) => spec.kind === 'matmul',
  };
}

async function wasmVariant(simd: boolean): Promise<Variant> {
  const backend = await loadWasmBackend({ simd });
  const id = simd ? 'wasm-simd' : 'wasm-scalar';
  return {
    id, family: 'wasm', tags: ['wasm', id], backend, threads: 1,
    activate: () => undefined, describe: () => backend.describe(), supports: everyCase,
  };
}

/** Thread counts to time the native backend at: 1, 2 and all CPUs, as far as there are CPUs. */
export function nativeThreadCounts(cpus: number): number[] {
  return [...new Set([1, 2, cpus])].filter((n) => n <= Math.max(cpus, 1)).sort((a, b) => a - b);
}

function nativeVariant(backend: NativeBackend, level: string, threads: number): Variant {
  const id = `native-${level}-t${threads}`;
  return {
    id, family: 'native', tags: ['native', `native-${level}`, id], backend, threads,
    activate: () => {
      backend.setSimdLevel(level);
      backend.setThreads(threads);
    },
    describe: () => backend.describe(),
    supports: everyCase,
  };
}

/** Returns every level at 1 thread, and the widest level (the default) at each thread count. */
function nativeVariants(backend: NativeBackend): Variant[] {
  const { simdLevel: widest, availableLevels } = backend.info();
  const variants = availableLevels.filter((level) => level !== widest).map((level) => nativeVariant(backend, level, 1));
  for (const threads of nativeThreadCounts(availableParallelism())) variants.push(nativeVariant(backend, widest, threads));
  return variants;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads every variant that this machine runs, and the reason for each one that does not load. */
export async function loadVariants(): Promise<{ variants: Variant[]; skipped: SkippedVariant[] }> {
  const variants: Variant[] = [tsVariant(), naiveVariant()];
  const skipped: SkippedVariant[] = [];
  for (const simd of [false, true]) {
    try {
      variants.push(await wasmVariant(simd));
    } catch (error) {
      skipped.push({ id: simd ? 'wasm-simd' : 'wasm-scalar', reason: reasonOf(error) });
    }
  }
  try {
    variants.push(...nativeVariants(loadNativeBackend()));
  } catch (error) {
    skipped.push({ id: 'native', reason: reasonOf(error) });
  }
  return { variants, skipped };
}
