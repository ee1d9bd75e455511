// Resident memory that seed-768 training adds, measured per backend in a fresh child process
// (bench/memory-child.ts), so that one backend's allocations do not hide in another's.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Backends the child process can measure, as named on its command line. */
export const MEMORY_BACKENDS = ['native', 'wasm-simd', 'wasm-scalar', 'ts'] as const;
export type MemoryBackend = (typeof MEMORY_BACKENDS)[number];

export interface MemoryReading {
  backend: MemoryBackend;
  description: string;
  steps: number;
  /** Resident set size in bytes just before the trainer is created. */
  rssBeforeBytes: number;
  /** Resident set size in bytes after the last step and a garbage collection. */
  rssAfterBytes: number;
  /** Largest resident set size in bytes seen after any step or at the end. */
  rssPeakBytes: number;
}

export type MemoryResult = MemoryReading | { backend: MemoryBackend; error: string };

/** Words of `--only` that select each memory backend, matching the variants' tags. */
export const MEMORY_BACKEND_TAGS: Record<MemoryBackend, string[]> = {
  native: ['native'],
  'wasm-simd': ['wasm', 'wasm-simd'],
  'wasm-scalar': ['wasm', 'wasm-scalar'],
  ts: ['ts'],
};

/** Upper bound on one child run. The pure-TS child, the slowest, takes about 10 s. */
const CHILD_TIMEOUT_MS = 5 * 60 * 1000;

/** Steps to train before reading the memory: enough for every buffer to reach its final size. */
export function memorySteps(backend: MemoryBackend, quick: boolean): number {
  // A pure-TS step of seed-768 takes about 0.6 s, a native one about 15 ms.
  if (backend === 'ts') return quick ? 3 : 10;
  return quick ? 20 : 100;
}

/** Measures each backend in its own `node --expose-gc` child process. */
export function measureTrainingMemory(backends: readonly MemoryBackend[], quick: boolean): MemoryResult[] {
  const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.js');
  return backends.map((backend): MemoryResult => {
    const run = spawnSync(process.execPath, ['--expose-gc', child, backend, String(memorySteps(backend, quick))], {
      encoding: 'utf8',
      timeout: CHILD_TIMEOUT_MS,
    });
    if (run.error !== undefined) return { backend, error: run.error.message };
    if (run.status !== 0) return { backend, error: run.stderr.trim() || `exit status ${String(run.status ?? run.signal)}` };
    return JSON.parse(run.stdout) as MemoryReading;
  });
}

/** Bytes that training added at its peak, which is at least the growth at the end. */
export function addedBytes(reading: MemoryReading): number {
  return reading.rssPeakBytes - reading.rssBeforeBytes;
}
