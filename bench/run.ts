// Entry point of `npm run bench`: times every selected configuration and case, runs the
// PyTorch comparison and the memory measurement, then prints the table and the target checks
// and writes latest.json, latest.svg and latest.md into the output folder.

import os from 'node:os';
import path from 'node:path';

import { buildCase, CASE_SPECS, type BenchCase, type CaseSpec } from './cases.js';
import { renderChart } from './chart.js';
import { loadWorkloadImages, type WorkloadImages } from './images.js';
import { describeMachine } from './machine.js';
import { MEMORY_BACKEND_TAGS, MEMORY_BACKENDS, measureTrainingMemory, type MemoryResult } from './memory.js';
import { buildNaiveMatmulCase } from './naive-matmul.js';
import { HELP_TEXT, parseBenchArgs, type BenchOptions } from './options.js';
import { formatMarkdownReport } from './markdown.js';
import { deriveRows, sortRows, torchRawRows, writeOutput, type BenchResults, type FailedCase, type RawRow } from './results.js';
import { caseTags, MEMORY_WORD, parseSelection, PYTORCH_WORD, selectsBackend, selectsCase, type Selection } from './selection.js';
import { DEFAULT_SAMPLING, QUICK_SAMPLING, timeCases } from './suite.js';
import { formatTable, formatTargets } from './table.js';
import { checkTargets, referenceCalibration } from './targets.js';
import { joinTorchPasses, runTorchComparison, TORCH_CONFIGS, type TorchResult } from './torch.js';
import { loadVariants, type Variant } from './variants.js';
import type { WorkloadId } from './workloads.js';

/** PyTorch sampling: seconds per case and samples per case, in full and in quick runs. */
const TORCH_SAMPLING = { full: { secondsPerCase: 2, samples: 5 }, quick: { secondsPerCase: 0.6, samples: 3 } };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadImages(specs: readonly CaseSpec[]): Promise<Map<WorkloadId, WorkloadImages>> {
  const images = new Map<WorkloadId, WorkloadImages>();
  for (const spec of specs) {
    if (spec.kind !== 'train' || images.has(spec.workload.id)) continue;
    const loaded = await loadWorkloadImages(spec.workload);
    console.log(`images for ${spec.workload.id}: ${loaded.source}`);
    images.set(spec.workload.id, loaded);
  }
  return images;
}

/** Builds and times one variant's cases. A case that cannot be built is recorded in `failed` and left out. */
async function timeVariant(
  variant: Variant,
  specs: readonly CaseSpec[],
  images: ReadonlyMap<WorkloadId, WorkloadImages>,
  options: BenchOptions,
  failed: FailedCase[],
): Promise<RawRow[]> {
  variant.activate();
  const description = variant.describe();
  const cases: BenchCase[] = [];
  for (const spec of specs.filter((s) => variant.supports(s))) {
    try {
      cases.push(variant.backend === null ? buildNaiveMatmulCase(spec) : buildCase(spec, variant.backend, images));
    } catch (error) {
      failed.push({ variant: variant.id, caseId: spec.id, error: describeError(error) });
    }
  }
  if (cases.length === 0) return [];
  console.log(`\n${variant.id}: ${description}`);
  try {
    const sampling = options.quick ? QUICK_SAMPLING : DEFAULT_SAMPLING;
    const timings = await timeCases(variant.id, cases, sampling, path.join(options.outputDir, 'benny'));
    return timings.map((timing) => ({ variant: variant.id, family: variant.family, description, threads: variant.threads, timing }));
  } catch (error) {
    failed.push(...cases.map((c) => ({ variant: variant.id, caseId: c.spec.id, error: describeError(error) })));
    return [];
  } finally {
    cases.forEach((c) => c.dispose());
  }
}

/** Runs one pass of the PyTorch comparison over the selected matmul and training cases. */
function runTorch(selection: Selection, specs: readonly CaseSpec[], quick: boolean, pass: number): TorchResult | { status: 'not selected' } {
  const caseIds = specs.filter((s) => s.kind === 'matmul' || s.kind === 'train').map((s) => s.id);
  if (!selectsBackend(selection, [PYTORCH_WORD]) || caseIds.length === 0) return { status: 'not selected' };
  console.log(`\npytorch, pass ${pass}: timing the same cases with torch_gan.py (${TORCH_CONFIGS.map((c) => c.variant).join(', ')})`);
  const result = runTorchComparison({ caseIds, ...(quick ? TORCH_SAMPLING.quick : TORCH_SAMPLING.full) }, pass);
  if (result.status === 'skipped') console.log(`PyTorch comparison skipped: ${result.reason}`);
  return result;
}

function runMemory(selection: Selection, variants: readonly Variant[], quick: boolean): MemoryResult[] {
  if (!selectsCase(selection, [MEMORY_WORD, 'seed-768'])) return [];
  const loaded = new Set(variants.map((v) => v.id.startsWith('native') ? 'native' : v.id));
  const backends = MEMORY_BACKENDS.filter((b) => loaded.has(b) && selectsBackend(selection, MEMORY_BACKEND_TAGS[b]));
  if (backends.length === 0) return [];
  console.log(`\nmemory: seed-768 training in a fresh process per backend (${backends.join(', ')})`);
  return measureTrainingMemory(backends, quick);
}

async function run(options: BenchOptions): Promise<void> {
  const startedAt = new Date();
  const machine = describeMachine();
  const { variants, skipped } = await loadVariants();
  const selection = parseSelection(options.only, variants.flatMap((v) => v.tags), CASE_SPECS);
  const chosen = variants.filter((v) => selectsBackend(selection, v.tags));
  const specs = CASE_SPECS.filter((s) => selectsCase(selection, caseTags(s)));

  console.log(`pixelgan benchmark on ${machine.cpuModel} (${machine.logicalCpus} CPUs), Node ${machine.node}${options.quick ? ', quick' : ''}`);
  for (const s of skipped) console.log(`skipped ${s.id}: ${s.reason}`);
  const images = await loadImages(specs);

  // PyTorch runs before and, in a full run, again after pixelgan's cases, and keeps its faster
  // pass, so that a burst of other work on the machine during one pass does not flatter pixelgan.
  let pytorch = runTorch(selection, specs, options.quick, 1);
  const failed: FailedCase[] = [];
  const raw: RawRow[] = [];
  for (const variant of chosen) raw.push(...(await timeVariant(variant, specs, images, options, failed)));
  if (pytorch.status === 'measured' && !options.quick) {
    const second = runTorch(selection, specs, options.quick, 2);
    if (second.status !== 'not selected') pytorch = joinTorchPasses(pytorch, second);
  }
  const memory = runMemory(selection, chosen, options.quick);

  const rows = sortRows(deriveRows([...raw, ...torchRawRows(pytorch)]));
  const targets = checkTargets(rows, memory);
  const results: BenchResults = {
    schemaVersion: 1,
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    loadAverageAtEnd: os.loadavg(),
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
    quick: options.quick,
    only: options.only,
    machine,
    images: Object.fromEntries([...images].map(([id, loaded]) => [id, loaded.source])),
    cases: CASE_SPECS.map((s) => ({ id: s.id, label: s.label, flopsPerCall: s.flopsPerCall, imagesPerCall: s.imagesPerCall })),
    skippedVariants: skipped,
    failedCases: failed,
    rows,
    pytorch,
    memory,
    targets,
  };

  console.log(`\n${formatTable(rows)}\n\nTargets (ratio, required, result, figures):\n${formatTargets(targets)}`);
  const calibration = referenceCalibration(rows);
  if (calibration !== null) console.log(`\n${calibration}`);
  for (const f of failed) console.log(`FAILED ${f.variant} ${f.caseId}: ${f.error}`);

  const title = `pixelgan benchmark, ${results.startedAt.slice(0, 10)}, ${machine.cpuModel}, ${machine.logicalCpus} CPUs`;
  const written = [
    writeOutput(options.outputDir, 'latest.json', `${JSON.stringify(results, null, 2)}\n`),
    writeOutput(options.outputDir, 'latest.svg', renderChart(rows, title)),
    writeOutput(options.outputDir, 'latest.md', formatMarkdownReport(results)),
  ];
  console.log(`\nwrote ${written.join(', ')} in ${results.durationSeconds.toFixed(0)} s`);
  if (failed.length > 0) process.exitCode = 1;
}

async function main(args: string[]): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(args);
  } catch (error) {
    console.error(describeError(error));
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  await run(options);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`benchmark failed: ${describeError(error)}`);
  process.exitCode = 1;
});
