// The PyTorch comparison: runs bench/torch_gan.py once per thread count and reads its JSON.
// Skipped, with a one-line reason, when the interpreter is missing or cannot import torch.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { findPackageRoot } from '../src/backend/rust/package-root.js';

/** Environment variable naming the python interpreter, python3 by default. */
export const PYTHON_ENV_VAR = 'PIXELGAN_BENCH_PYTHON';
/** Exit status of torch_gan.py when `import torch` fails. */
const IMPORT_FAILED_STATUS = 3;
/** Upper bound on one torch_gan.py run. A normal run takes under a minute. */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
/** A PyTorch configuration: its thread count and its OpenMP wait policy (null keeps the default). */
export interface TorchConfig {
  /** Row name in the results, e.g. "pytorch-t2". */
  variant: string;
  threads: number;
  waitPolicy: 'passive' | null;
}

/**
 * One core, and the two cores that the speed targets assume. The OpenMP threads of PyTorch's
 * wheel (GNU libgomp) spin-wait before they sleep when OMP_WAIT_POLICY is unset (libgomp
 * manual, OMP_WAIT_POLICY), and on a shared 2-vCPU machine that made 2-thread training stall
 * for seconds at a time. So 2 threads also run with OMP_WAIT_POLICY=passive, a setting a user
 * on such a machine would pick.
 */
export const TORCH_CONFIGS: readonly TorchConfig[] = [
  { variant: 'pytorch-t1', threads: 1, waitPolicy: null },
  { variant: 'pytorch-t2', threads: 2, waitPolicy: null },
  { variant: 'pytorch-t2-passive', threads: 2, waitPolicy: 'passive' },
];

export interface TorchCaseTiming {
  id: string;
  ops_per_second: number;
  margin_percent: number;
  samples: number;
}

/** Report that torch_gan.py prints for one thread count. */
export interface TorchRun {
  torch: string;
  python: string;
  threads: number;
  cpu_capability: string;
  mkldnn: boolean;
  mkl: boolean;
  parallel_info: string;
  config: string;
  cases: TorchCaseTiming[];
  /** The configuration's row name. Set by this module, like `waitPolicy` and `pass`. */
  variant: string;
  waitPolicy: 'passive' | null;
  /** 1 for the pass before pixelgan's cases, 2 for the pass after them. */
  pass: number;
}

export type TorchResult =
  | { status: 'measured'; python: string; threadVariables: string[]; runs: TorchRun[] }
  | { status: 'skipped'; python: string; reason: string };

export interface TorchSettings {
  caseIds: string[];
  secondsPerCase: number;
  samples: number;
}

/** Thread variables for one run: OpenMP and MKL (what torch uses) and OpenBLAS (numpy). */
function threadEnv(threads: number): Record<string, string> {
  const value = String(threads);
  return { OMP_NUM_THREADS: value, MKL_NUM_THREADS: value, OPENBLAS_NUM_THREADS: value };
}

/** Returns the child environment of one configuration; a null wait policy removes OMP_WAIT_POLICY. */
function configEnv(env: Record<string, string | undefined>, config: TorchConfig): Record<string, string | undefined> {
  const childEnv = { ...env, ...threadEnv(config.threads) };
  if (config.waitPolicy === null) delete childEnv.OMP_WAIT_POLICY;
  else childEnv.OMP_WAIT_POLICY = config.waitPolicy;
  return childEnv;
}

/** Returns the last line of a process's error output, where Python puts the exception. */
function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}

/** Runs torch_gan.py in each configuration and returns the timings, or the reason they were skipped. */
export function runTorchComparison(settings: TorchSettings, pass: number, env: Record<string, string | undefined> = process.env): TorchResult {
  const python = env[PYTHON_ENV_VAR]?.trim() || 'python3';
  const script = path.join(findPackageRoot(import.meta.url), 'bench', 'torch_gan.py');
  const runs: TorchRun[] = [];
  for (const config of TORCH_CONFIGS) {
    const args = [script, '--threads', String(config.threads), '--seconds', String(settings.secondsPerCase), '--samples', String(settings.samples), '--cases', settings.caseIds.join(',')];
    const child = spawnSync(python, args, { env: configEnv(env, config), encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    if (child.error !== undefined) {
      return { status: 'skipped', python, reason: `cannot run ${python}: ${child.error.message}; set ${PYTHON_ENV_VAR} to a python that has torch` };
    }
    if (child.status === IMPORT_FAILED_STATUS) {
      return { status: 'skipped', python, reason: `${python} ${lastLine(child.stderr)}; set ${PYTHON_ENV_VAR} to a python that has torch` };
    }
    if (child.status !== 0) {
      return { status: 'skipped', python, reason: `torch_gan.py failed with exit status ${String(child.status ?? child.signal)}: ${lastLine(child.stderr)}` };
    }
    const report = JSON.parse(child.stdout) as Omit<TorchRun, 'variant' | 'waitPolicy' | 'pass'>;
    runs.push({ ...report, variant: config.variant, waitPolicy: config.waitPolicy, pass });
  }
  return { status: 'measured', python, threadVariables: Object.keys(threadEnv(1)), runs };
}

/** Joins the runs of two passes. A second pass that failed leaves the first one's runs. */
export function joinTorchPasses(first: TorchResult, second: TorchResult): TorchResult {
  if (first.status !== 'measured' || second.status !== 'measured') return first;
  return { ...first, runs: [...first.runs, ...second.runs] };
}

/**
 * Returns one run per configuration holding each case's fastest timing over all passes. The
 * fastest pass is the one least slowed by other work on the machine, which favours PyTorch.
 */
export function fastestTorchRuns(runs: readonly TorchRun[]): TorchRun[] {
  const byVariant = new Map<string, TorchRun>();
  for (const run of runs) {
    const kept = byVariant.get(run.variant);
    if (kept === undefined) {
      byVariant.set(run.variant, { ...run, cases: [...run.cases] });
      continue;
    }
    for (const timing of run.cases) {
      const index = kept.cases.findIndex((c) => c.id === timing.id);
      if (index < 0) kept.cases.push(timing);
      else if (timing.ops_per_second > kept.cases[index].ops_per_second) kept.cases[index] = timing;
    }
  }
  return [...byVariant.values()];
}
