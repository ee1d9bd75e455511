// The speed and memory targets, checked against one run's rows.
//
// PyTorch is timed in the same run. TF.js is not: its figures below are the reference figures
// that come with the targets, measured on a quiet 2-core x86-64 machine. The naive i-k-j loop,
// timed here and there, shows how this machine's JavaScript speed compares with that one.

import { addedBytes, type MemoryResult } from './memory.js';
import type { ResultRow } from './results.js';

/** TF.js WASM backend (XNNPACK) on (64x768)*(768x768), GFLOP/s, reference machine. */
export const TFJS_WASM_MATMUL_GFLOPS = 31;
/** TF.js WASM backend training seed-768, images/s, reference machine. */
export const TFJS_WASM_TRAIN_IMAGES = 263;
/** TF.js pure-JS CPU backend on (64x768)*(768x768), GFLOP/s, reference machine. */
export const TFJS_CPU_MATMUL_GFLOPS = 0.78;
/** TF.js pure-JS CPU backend training seed-768, images/s, reference machine. */
export const TFJS_CPU_TRAIN_IMAGES = 47;
/** The naive i-k-j TypeScript loop on (64x768)*(768x768), GFLOP/s, reference machine. */
export const NAIVE_LOOP_REFERENCE_GFLOPS = 1.1;
/** Most resident memory that seed-768 training may add, in bytes (64 MB). */
export const MEMORY_LIMIT_BYTES = 64e6;

export interface TargetCheck {
  id: string;
  description: string;
  /** The two figures compared, e.g. "native-avx512-t2 3,800 vs pytorch-t2 6,050 images/s". */
  measured: string;
  ratio: number | null;
  comparison: 'at least' | 'at most';
  target: number;
  /** null when a figure was not measured in this run. */
  met: boolean | null;
  /** "same run", or "reference figure" when the baseline is a fixed figure. */
  basis: 'same run' | 'reference figure';
}

type RowFilter = (row: ResultRow) => boolean;

/** Returns the fastest row on `caseId` among those that `filter` keeps, or null. */
function fastest(rows: readonly ResultRow[], caseId: string, filter: RowFilter): ResultRow | null {
  let best: ResultRow | null = null;
  for (const row of rows) {
    if (row.caseId === caseId && filter(row) && (best === null || row.opsPerSecond > best.opsPerSecond)) best = row;
  }
  return best;
}

const isNative: RowFilter = (row) => row.family === 'native';
const isNativeOneThread: RowFilter = (row) => row.family === 'native' && row.threads === 1;
const isTorch: RowFilter = (row) => row.family === 'pytorch';
const isTorchOneThread: RowFilter = (row) => row.family === 'pytorch' && row.threads === 1;
const isVariant = (id: string): RowFilter => (row) => row.variant === id;

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);
}

/** Returns the figure a check compares: images/s for training cases, GFLOP/s for the others. */
function figure(row: ResultRow): number {
  return row.imagesPerSecond ?? row.gflopsPerSecond;
}

function unit(caseId: string): string {
  return caseId.startsWith('train-') ? 'images/s' : 'GFLOP/s';
}

/** Checks `subject` against another row of the same run. */
function againstRow(id: string, description: string, subject: ResultRow | null, baseline: ResultRow | null, caseId: string, target: number): TargetCheck {
  const base = { id, description, comparison: 'at least' as const, target, basis: 'same run' as const };
  if (subject === null || baseline === null) {
    const missing = [subject === null ? 'pixelgan' : null, baseline === null ? 'PyTorch' : null].filter(Boolean).join(' or ');
    return { ...base, measured: `not measured: no ${missing} timing of ${caseId} in this run`, ratio: null, met: null };
  }
  const ratio = figure(subject) / figure(baseline);
  const measured = `${subject.variant} ${format(figure(subject))} vs ${baseline.variant} ${format(figure(baseline))} ${unit(caseId)}`;
  return { ...base, measured, ratio, met: ratio >= target };
}

/** Checks `subject` against a fixed reference figure. */
function againstFigure(id: string, description: string, subject: ResultRow | null, reference: number, caseId: string, target: number): TargetCheck {
  const base = { id, description, comparison: 'at least' as const, target, basis: 'reference figure' as const };
  if (subject === null) return { ...base, measured: `not measured: no timing of ${caseId} in this run`, ratio: null, met: null };
  const ratio = figure(subject) / reference;
  const measured = `${subject.variant} ${format(figure(subject))} vs ${format(reference)} ${unit(caseId)}`;
  return { ...base, measured, ratio, met: ratio >= target };
}

function memoryChecks(memory: readonly MemoryResult[]): TargetCheck[] {
  return memory.map((reading): TargetCheck => {
    const base = {
      id: `memory-${reading.backend}`,
      description: `resident memory added by seed-768 training on ${reading.backend}`,
      comparison: 'at most' as const,
      target: 1,
      basis: 'same run' as const,
    };
    if ('error' in reading) return { ...base, measured: `not measured: ${reading.error}`, ratio: null, met: null };
    const added = addedBytes(reading);
    const measured = `${(added / 1e6).toFixed(1)} MB added over ${reading.steps} steps vs a limit of ${MEMORY_LIMIT_BYTES / 1e6} MB`;
    return { ...base, measured, ratio: added / MEMORY_LIMIT_BYTES, met: added <= MEMORY_LIMIT_BYTES };
  });
}

/** Checks every target that this run's rows and memory readings allow. */
export function checkTargets(rows: readonly ResultRow[], memory: readonly MemoryResult[]): TargetCheck[] {
  const train = 'train-seed-768';
  return [
    againstRow('native-train-vs-pytorch', "native seed-768 training vs PyTorch's fastest configuration",
      fastest(rows, train, isNative), fastest(rows, train, isTorch), train, 1.5),
    againstRow('native-matmul-768-per-core', 'native (64x768)*(768x768) at 1 thread vs PyTorch at 1 thread',
      fastest(rows, 'matmul-768', isNativeOneThread), fastest(rows, 'matmul-768', isTorchOneThread), 'matmul-768', 0.85),
    againstRow('native-matmul-3072-per-core', 'native (64x3072)*(3072x1024) at 1 thread vs PyTorch at 1 thread',
      fastest(rows, 'matmul-3072', isNativeOneThread), fastest(rows, 'matmul-3072', isTorchOneThread), 'matmul-3072', 0.85),
    againstFigure('wasm-train-vs-tfjs-wasm', 'WASM SIMD seed-768 training vs TF.js WASM',
      fastest(rows, train, isVariant('wasm-simd')), TFJS_WASM_TRAIN_IMAGES, train, 5),
    againstFigure('wasm-matmul-vs-tfjs-wasm', 'WASM SIMD (64x768)*(768x768) vs TF.js WASM',
      fastest(rows, 'matmul-768', isVariant('wasm-simd')), TFJS_WASM_MATMUL_GFLOPS, 'matmul-768', 1.2),
    againstFigure('ts-matmul-vs-tfjs-cpu', 'pure TS (64x768)*(768x768) vs TF.js pure-JS CPU',
      fastest(rows, 'matmul-768', isVariant('ts')), TFJS_CPU_MATMUL_GFLOPS, 'matmul-768', 3),
    againstFigure('ts-train-vs-tfjs-cpu', 'pure TS seed-768 training vs TF.js pure-JS CPU',
      fastest(rows, train, isVariant('ts')), TFJS_CPU_TRAIN_IMAGES, train, 3),
    ...memoryChecks(memory),
  ];
}

/**
 * Returns a line comparing this run's naive-loop speed with the reference machine's, or null
 * when the naive loop was not timed. The ratio estimates how the TF.js reference figures would
 * scale on this machine.
 */
export function referenceCalibration(rows: readonly ResultRow[]): string | null {
  const naive = fastest(rows, 'matmul-768', isVariant('ts-naive'));
  if (naive === null) return null;
  const ratio = naive.gflopsPerSecond / NAIVE_LOOP_REFERENCE_GFLOPS;
  return `naive i-k-j loop: ${naive.gflopsPerSecond.toFixed(2)} GFLOP/s here vs ${NAIVE_LOOP_REFERENCE_GFLOPS} on the reference machine (${ratio.toFixed(2)}x), so the TF.js figures would scale by about that much here`;
}
