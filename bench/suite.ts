// Times the cases of one variant as one benny suite, and saves benny's own JSON of it.

import { add, complete, configure, cycle, save, suite } from 'benny';

import type { BenchCase } from './cases.js';

/** Sampling settings passed to benchmark.js through benny. */
export interface SampleSettings {
  /** Samples to take at least, each one timing enough calls to last `minTime`. */
  minSamples: number;
  /** Seconds after which sampling stops once `minSamples` are taken. */
  maxTime: number;
  /** Samples to take of a case whose warm-up call took longer than `slowCallSeconds`. */
  slowMinSamples: number;
  slowCallSeconds: number;
}

export const DEFAULT_SAMPLING: SampleSettings = { minSamples: 5, maxTime: 2, slowMinSamples: 3, slowCallSeconds: 0.5 };
export const QUICK_SAMPLING: SampleSettings = { minSamples: 3, maxTime: 0.5, slowMinSamples: 2, slowCallSeconds: 0.25 };

export interface CaseTiming {
  caseId: string;
  opsPerSecond: number;
  /** Relative margin of error of the mean at 95% confidence, in percent, as benchmark.js computes it. */
  marginPercent: number;
  samples: number;
}

/** Runs one call of each case before timing, so that JIT compilation and first allocations are not timed. */
function warmUp(cases: readonly BenchCase[]): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const benchCase of cases) {
    const start = performance.now();
    benchCase.run();
    seconds.set(benchCase.spec.id, (performance.now() - start) / 1000);
  }
  return seconds;
}

/**
 * Times `cases` with benny and returns one timing per case. Writes benny's summary to
 * `<folder>/<name>.json`. A case that throws makes the returned promise reject.
 */
export async function timeCases(name: string, cases: readonly BenchCase[], settings: SampleSettings, folder: string): Promise<CaseTiming[]> {
  const warmUpSeconds = warmUp(cases);
  const timings: CaseTiming[] = [];
  const entries = cases.map((benchCase) => {
    const slow = (warmUpSeconds.get(benchCase.spec.id) ?? 0) > settings.slowCallSeconds;
    const minSamples = slow ? settings.slowMinSamples : settings.minSamples;
    return add(benchCase.spec.id, () => benchCase.run(), { minSamples, maxTime: settings.maxTime });
  });
  await suite(
    name,
    configure({ cases: { minSamples: settings.minSamples, maxTime: settings.maxTime } }),
    ...entries,
    cycle((result) => {
      timings.push({ caseId: result.name, opsPerSecond: result.ops, marginPercent: result.margin, samples: result.samples });
      console.log(`  ${result.name.padEnd(18)} ${formatRate(result.ops)} ops/s  ±${result.margin.toFixed(1)}%  (${result.samples} samples)`);
    }),
    complete(() => undefined),
    save({ file: name, folder, format: 'json', details: false }),
  );
  return timings;
}

/** Formats an operations-per-second figure with about three significant digits. */
export function formatRate(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
