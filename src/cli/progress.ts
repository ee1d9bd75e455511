// The progress line printed while training.

import type { StepMetrics } from '../train/trainer.js';

/** Formats a duration in seconds as h:mm:ss or m:ss. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

export interface ProgressInput {
  metrics: StepMetrics;
  lastStep: number;
  imagesPerSecond: number;
  etaSeconds: number;
}

/** Formats one progress line: step, images/s, ETA, loss_D, loss_G, D(x), D(G(z)). */
export function formatProgress(p: ProgressInput): string {
  const m = p.metrics;
  const width = String(p.lastStep).length;
  return [
    `step ${String(m.step).padStart(width)}/${p.lastStep}`,
    `${p.imagesPerSecond.toFixed(0).padStart(6)} img/s`,
    `ETA ${formatDuration(p.etaSeconds).padStart(7)}`,
    `loss_D ${formatLoss(m.lossD)}`,
    `loss_G ${formatLoss(m.lossG)}`,
    `D(x) ${m.realProbability.toFixed(3)}`,
    `D(G(z)) ${m.fakeProbability.toFixed(3)}`,
  ].join('  ');
}

/** Three decimals, or exponent notation for losses too large to line up (a diverging run). */
function formatLoss(value: number): string {
  return Math.abs(value) < 1e4 ? value.toFixed(3) : value.toExponential(2);
}
