// latest.md: a run as Markdown, ready to paste into docs/benchmarks.md.

import { addedBytes } from './memory.js';
import type { BenchResults } from './results.js';
import type { TorchRun } from './torch.js';
import { formatMarkdownTable, formatMarkdownTargets } from './table.js';
import { referenceCalibration } from './targets.js';

const BYTES_PER_GIB = 2 ** 30;

function machineLines(results: BenchResults): string[] {
  const m = results.machine;
  const rustc = Object.entries(m.rustc).map(([command, version]) => `\`${command}\`: ${version}`).join('; ');
  return [
    `- CPU: ${m.cpuModel} (${m.cpuFamilyModel}), ${m.logicalCpus} logical CPUs; flags: ${m.simdFlags.join(', ')}`,
    `- Memory: ${(m.memoryBytes / BYTES_PER_GIB).toFixed(1)} GiB; OS: ${m.os} (${m.kernel})`,
    `- Node ${m.node}; ${rustc || 'no rustc found'}`,
    `- Load average (1, 5, 15 min): ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(', ')} at the start, ${results.loadAverageAtEnd.map((l) => l.toFixed(2)).join(', ')} at the end`,
    `- Command: \`${results.command}\`, ${results.durationSeconds.toFixed(0)} s, started ${results.startedAt}`,
    ...Object.entries(results.images).map(([workload, source]) => `- Images for ${workload}: ${source}`),
  ];
}

/** Formats PyTorch's operations per second in every pass, one row per thread count and case. */
function torchPassTable(runs: readonly TorchRun[]): string[] {
  const passes = [...new Set(runs.map((r) => r.pass))].sort();
  const keys = [...new Set(runs.flatMap((r) => r.cases.map((c) => `${r.variant}|${c.id}`)))];
  const rows = keys.map((key) => {
    const [variant, id] = key.split('|');
    const rates = passes.map((pass) => {
      const timing = runs.find((r) => r.pass === pass && r.variant === variant)?.cases.find((c) => c.id === id);
      return timing === undefined ? '-' : `${timing.ops_per_second.toFixed(1)} ±${timing.margin_percent.toFixed(1)}%`;
    });
    return `| ${variant} | ${id} | ${rates.join(' | ')} |`;
  });
  const header = `| configuration | case | ${passes.map((p) => `pass ${p}, ops/s`).join(' | ')} |`;
  return [header, `| --- | --- | ${passes.map(() => '---:').join(' | ')} |`, ...rows];
}

function pytorchLines(results: BenchResults): string[] {
  const torch = results.pytorch;
  if (torch.status === 'not selected') return ['PyTorch was not selected in this run.'];
  if (torch.status === 'skipped') return [`PyTorch comparison skipped: ${torch.reason}`];
  const first = torch.runs[0];
  const passes = Math.max(...torch.runs.map((r) => r.pass));
  const backends = first.config.split('\n').filter((line) => /Math Kernel Library|MKL-DNN|OpenMP|CPU capability/.test(line)).map((line) => line.trim().replace(/^- /, ''));
  return [
    `PyTorch ${first.torch} on Python ${first.python} (\`${torch.python}\`), CPU capability ${first.cpu_capability}, in ${[...new Set(torch.runs.map((r) => r.variant))].join(', ')}: one process each, with ${torch.threadVariables.join(', ')} set to the thread count, and OMP_WAIT_POLICY unset except where the name says passive.`,
    `Built with: ${backends.join('; ')}.`,
    '',
    passes === 1 ? 'The table above shows its only pass:' : `The table above keeps each case's fastest of ${passes} passes, one before and one after the pixelgan cases:`,
    '',
    ...torchPassTable(torch.runs),
  ];
}

function memoryLines(results: BenchResults): string[] {
  return results.memory.map((reading) => {
    if ('error' in reading) return `- ${reading.backend}: not measured (${reading.error})`;
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    return `- ${reading.backend} (${reading.description}): RSS ${mb(reading.rssBeforeBytes)} MB before the trainer, ${mb(reading.rssAfterBytes)} MB after ${reading.steps} steps, peak ${mb(reading.rssPeakBytes)} MB: ${mb(addedBytes(reading))} MB added`;
  });
}

/** Returns the whole run as a Markdown document. */
export function formatMarkdownReport(results: BenchResults): string {
  const calibration = referenceCalibration(results.rows);
  const sections = [
    `# Benchmark run ${results.startedAt.slice(0, 10)}`,
    machineLines(results).join('\n'),
    formatMarkdownTable(results.rows),
    '## Targets',
    formatMarkdownTargets(results.targets),
    ...(calibration === null ? [] : [`Reference check: ${calibration}.`]),
    '## PyTorch',
    pytorchLines(results).join('\n'),
    '## Resident memory of seed-768 training',
    memoryLines(results).join('\n') || 'Not measured in this run.',
    ...(results.failedCases.length === 0 ? [] : ['## Failed cases', results.failedCases.map((f) => `- ${f.variant} ${f.caseId}: ${f.error}`).join('\n')]),
  ];
  return `${sections.join('\n\n')}\n`;
}
