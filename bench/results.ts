// The results of one benchmark run: one row per (configuration, case), with the derived
// rates, plus the PyTorch, memory and machine records. Written as bench/results/latest.json.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { CASE_SPECS, type CaseSpec } from './cases.js';
import type { MachineInfo } from './machine.js';
import type { MemoryResult } from './memory.js';
import type { CaseTiming } from './suite.js';
import type { TargetCheck } from './targets.js';
import { fastestTorchRuns, type TorchResult } from './torch.js';
import type { SkippedVariant, VariantFamily } from './variants.js';

export type RowFamily = VariantFamily | 'pytorch';

export interface ResultRow {
  /** e.g. "native-avx512-t2", or "pytorch-t1" for PyTorch at one thread. */
  variant: string;
  family: RowFamily;
  description: string;
  threads: number;
  caseId: string;
  opsPerSecond: number;
  /** benchmark.js's relative margin of error at 95% confidence, in percent. */
  marginPercent: number;
  samples: number;
  gflopsPerSecond: number;
  /** Training cases only: G-step images per second (the batch size times steps per second). */
  imagesPerSecond: number | null;
  /** opsPerSecond over the pure-TS backend's on the same case, when both were timed. */
  speedupVsTs: number | null;
  /** opsPerSecond over PyTorch's fastest configuration on the same case, when both were timed. */
  ratioToPytorch: number | null;
}

export interface FailedCase {
  variant: string;
  caseId: string;
  error: string;
}

export interface BenchResults {
  schemaVersion: 1;
  startedAt: string;
  durationSeconds: number;
  /** 1, 5 and 15 minute load averages when the run finished. The start is in `machine`. */
  loadAverageAtEnd: number[];
  command: string;
  quick: boolean;
  only: string[];
  machine: MachineInfo;
  /** Source of each workload's training images. */
  images: Record<string, string>;
  cases: { id: string; label: string; flopsPerCall: number; imagesPerCall: number }[];
  skippedVariants: SkippedVariant[];
  failedCases: FailedCase[];
  rows: ResultRow[];
  pytorch: TorchResult | { status: 'not selected' };
  memory: MemoryResult[];
  targets: TargetCheck[];
}

/** A timing of one configuration before rates are derived. */
export interface RawRow {
  variant: string;
  family: RowFamily;
  description: string;
  threads: number;
  timing: CaseTiming;
}

function specOf(caseId: string): CaseSpec {
  const spec = CASE_SPECS.find((s) => s.id === caseId);
  if (spec === undefined) throw new Error(`no case spec has the id ${caseId}`);
  return spec;
}

/** Converts PyTorch's fastest timings over its passes into raw rows, one variant per thread count. */
export function torchRawRows(torch: TorchResult | { status: 'not selected' }): RawRow[] {
  if (torch.status !== 'measured') return [];
  return fastestTorchRuns(torch.runs).flatMap((run) =>
    run.cases.map((c) => ({
      variant: run.variant,
      family: 'pytorch' as const,
      description: `PyTorch ${run.torch} CPU (${run.cpu_capability}), ${run.threads} ${run.threads === 1 ? 'thread' : 'threads'}${run.waitPolicy === null ? '' : `, OMP_WAIT_POLICY=${run.waitPolicy}`}`,
      threads: run.threads,
      timing: { caseId: c.id, opsPerSecond: c.ops_per_second, marginPercent: c.margin_percent, samples: c.samples },
    })),
  );
}

/** Adds GFLOP/s, images/s and the ratios to pure TS and to PyTorch's fastest configuration. */
export function deriveRows(raw: readonly RawRow[]): ResultRow[] {
  const tsRate = new Map<string, number>();
  const bestTorchRate = new Map<string, number>();
  for (const row of raw) {
    const { caseId, opsPerSecond } = row.timing;
    if (row.variant === 'ts') tsRate.set(caseId, opsPerSecond);
    if (row.family === 'pytorch') bestTorchRate.set(caseId, Math.max(bestTorchRate.get(caseId) ?? 0, opsPerSecond));
  }
  return raw.map(({ timing, ...row }) => {
    const spec = specOf(timing.caseId);
    const ts = tsRate.get(timing.caseId);
    const torch = bestTorchRate.get(timing.caseId);
    return {
      ...row,
      caseId: timing.caseId,
      opsPerSecond: timing.opsPerSecond,
      marginPercent: timing.marginPercent,
      samples: timing.samples,
      gflopsPerSecond: (timing.opsPerSecond * spec.flopsPerCall) / 1e9,
      imagesPerSecond: spec.imagesPerCall > 0 ? timing.opsPerSecond * spec.imagesPerCall : null,
      speedupVsTs: ts === undefined ? null : timing.opsPerSecond / ts,
      ratioToPytorch: torch === undefined ? null : timing.opsPerSecond / torch,
    };
  });
}

/** Sorts rows by case (in CASE_SPECS order), keeping the run order of configurations within a case. */
export function sortRows(rows: readonly ResultRow[]): ResultRow[] {
  const caseOrder = new Map(CASE_SPECS.map((spec, i) => [spec.id, i]));
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (caseOrder.get(a.row.caseId) ?? 0) - (caseOrder.get(b.row.caseId) ?? 0) || a.i - b.i)
    .map(({ row }) => row);
}

/** Writes `text` to `folder/name`, creating the folder, and returns the path. */
export function writeOutput(folder: string, name: string, text: string): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return file;
}
