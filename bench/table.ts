// Text renderings of a run: the results table and the target checks, as aligned plain text for
// the console and as Markdown for the docs page.

import { CASE_SPECS } from './cases.js';
import type { ResultRow } from './results.js';
import type { TargetCheck } from './targets.js';

const HEADER = ['configuration', 'case', 'ops/s', '±%', 'GFLOP/s', 'images/s', 'vs ts', 'vs PyTorch'];
/** Columns after the first two hold numbers and are right-aligned. */
const TEXT_COLUMNS = 2;

function rate(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

function ratio(value: number | null): string {
  if (value === null) return '-';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}x`;
}

function caseLabel(caseId: string): string {
  return CASE_SPECS.find((spec) => spec.id === caseId)?.label ?? caseId;
}

function cells(row: ResultRow): string[] {
  return [
    row.variant,
    caseLabel(row.caseId),
    rate(row.opsPerSecond),
    row.marginPercent.toFixed(1),
    rate(row.gflopsPerSecond),
    row.imagesPerSecond === null ? '-' : rate(row.imagesPerSecond),
    ratio(row.speedupVsTs),
    ratio(row.ratioToPytorch),
  ];
}

/** Aligned plain-text table, one block of rows per case. */
export function formatTable(rows: readonly ResultRow[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((cell, i) => (i < TEXT_COLUMNS ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  const out = [line(HEADER), widths.map((w) => '-'.repeat(w)).join('  ')];
  body.forEach((r, i) => {
    if (i > 0 && rows[i].caseId !== rows[i - 1].caseId) out.push('');
    out.push(line(r));
  });
  return out.join('\n');
}

/** Formats the same table in Markdown. */
export function formatMarkdownTable(rows: readonly ResultRow[]): string {
  const align = HEADER.map((_, i) => (i < TEXT_COLUMNS ? '---' : '---:'));
  const line = (r: string[]): string => `| ${r.join(' | ')} |`;
  return [line(HEADER), line(align), ...rows.map((row) => line(cells(row)))].join('\n');
}

function verdict(check: TargetCheck): string {
  if (check.met === null) return 'not measured';
  return check.met ? 'met' : 'not met';
}

function targetText(check: TargetCheck): string {
  return `${check.comparison === 'at least' ? '>=' : '<='} ${check.target.toFixed(2)}`;
}

function measuredRatio(check: TargetCheck): string {
  return check.ratio === null ? '-' : check.ratio.toFixed(2);
}

/** Formats one line per target: ratio, target, verdict, and the figures behind the ratio. */
export function formatTargets(checks: readonly TargetCheck[]): string {
  const width = Math.max(...checks.map((c) => c.description.length));
  return checks
    .map((c) => `${c.description.padEnd(width)}  ${measuredRatio(c).padStart(5)}  (target ${targetText(c)})  ${verdict(c).padEnd(12)}  ${c.measured}${c.basis === 'reference figure' ? ' [reference figure]' : ''}`)
    .join('\n');
}

export function formatMarkdownTargets(checks: readonly TargetCheck[]): string {
  const rows = checks.map((c) => `| ${c.description} | ${measuredRatio(c)} | ${targetText(c)} | ${verdict(c)} | ${c.measured} | ${c.basis} |`);
  return ['| target | ratio | required | result | figures | baseline |', '| --- | ---: | --- | --- | --- | --- |', ...rows].join('\n');
}
