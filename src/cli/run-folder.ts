// The output folder of a training run: sample grids, loss chart, metrics log, checkpoint.
//
//   <out>/checkpoint.safetensors   latest checkpoint, replaced atomically
//   <out>/samples/step-000500.png  grid from the fixed latent vectors at step 500
//   <out>/samples/final.png        grid after the last step
//   <out>/loss.png                 loss_D and loss_G per step
//   <out>/metrics.jsonl            one JSON object per step

import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../checkpoint/atomic-file.js';
import { renderLineChart } from '../image/line-chart.js';
import { renderGrid } from '../image/png-grid.js';
import { writePng } from '../image/write-png.js';
import type { ImageShape } from '../nn/architecture.js';
import type { StepMetrics } from '../train/trainer.js';

export const CHECKPOINT_FILE = 'checkpoint.safetensors';
const METRICS_FILE = 'metrics.jsonl';
const CHART_SIZE_PX = { width: 640, height: 360 };
/** Moving-average window of the loss chart, in steps. */
const CHART_SMOOTHING_STEPS = 25;
const LOSS_D_COLOR: [number, number, number] = [214, 39, 40];
const LOSS_G_COLOR: [number, number, number] = [31, 119, 180];

/** One line of metrics.jsonl. */
export interface MetricsRecord extends StepMetrics {
  /** Seconds since the run (or its latest resume) started. */
  seconds: number;
  imagesPerSecond: number;
}

export class RunFolder {
  private pending: MetricsRecord[] = [];
  private readonly history: { lossD: number[]; lossG: number[] } = { lossD: [], lossG: [] };

  private constructor(readonly dir: string) {}

  /** Creates the folder (and its parents) if needed; throws if `dir` is a file. */
  static async open(dir: string): Promise<RunFolder> {
    try {
      await mkdir(path.join(dir, 'samples'), { recursive: true });
    } catch (error) {
      throw new Error(`cannot create output folder ${dir}: ${(error as Error).message}`);
    }
    return new RunFolder(dir);
  }

  get checkpointPath(): string {
    return path.join(this.dir, CHECKPOINT_FILE);
  }

  /** Returns whether the folder already contains a checkpoint, which a new run would replace. */
  async hasCheckpoint(): Promise<boolean> {
    try {
      return (await stat(this.checkpointPath)).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Deletes what an earlier run wrote here (checkpoint, metrics log, loss chart and its grids),
   * for --overwrite, so the new run's files do not mix with the old ones. Other files stay.
   */
  async clearPreviousRun(): Promise<void> {
    const grids = (await readdir(path.join(this.dir, 'samples'))).filter((name) => name === 'final.png' || /^step-\d+\.png$/.test(name));
    const files = [CHECKPOINT_FILE, METRICS_FILE, 'loss.png'].map((name) => path.join(this.dir, name));
    for (const file of [...files, ...grids.map((name) => path.join(this.dir, 'samples', name))]) await rm(file, { force: true });
  }

  /**
   * Keeps the metrics of steps up to `step` for a resumed run and drops later lines, which a
   * run that stopped after its last checkpoint wrote. A missing log starts a new one.
   */
  async resumeMetrics(step: number): Promise<void> {
    let text = '';
    try {
      text = await readFile(path.join(this.dir, METRICS_FILE), 'utf8');
    } catch {
      return;
    }
    const kept: string[] = [];
    for (const line of text.split('\n')) {
      const record = parseRecord(line);
      if (record === null || record.step > step) continue;
      kept.push(line);
      this.history.lossD.push(record.lossD);
      this.history.lossG.push(record.lossG);
    }
    await writeFileAtomic(path.join(this.dir, METRICS_FILE), new TextEncoder().encode(kept.map((l) => `${l}\n`).join('')));
  }

  record(metrics: MetricsRecord): void {
    this.pending.push(metrics);
    this.history.lossD.push(metrics.lossD);
    this.history.lossG.push(metrics.lossG);
  }

  /** Appends the recorded metrics to metrics.jsonl. */
  async flushMetrics(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.map((m) => JSON.stringify(m)).join('\n') + '\n';
    await writeFile(path.join(this.dir, METRICS_FILE), text, { flag: 'a' });
    this.pending = [];
  }

  /** Writes a grid of images [count, imageSize] to samples/<name>.png and returns its path. */
  async writeGrid(name: string, images: Float32Array, count: number, shape: ImageShape, range: [number, number], inverted: boolean): Promise<string> {
    const file = path.join(this.dir, 'samples', `${name}.png`);
    await writePng(file, renderGrid(images, { count, ...shape, range, inverted }));
    return file;
  }

  async writeLossChart(): Promise<void> {
    const chart = renderLineChart(
      [
        { name: 'loss_D', values: this.history.lossD, color: LOSS_D_COLOR },
        { name: 'loss_G', values: this.history.lossG, color: LOSS_G_COLOR },
      ],
      { ...CHART_SIZE_PX, title: 'loss per step', smoothingWindow: CHART_SMOOTHING_STEPS },
    );
    await writePng(path.join(this.dir, 'loss.png'), chart);
  }
}

function parseRecord(line: string): MetricsRecord | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as MetricsRecord;
    return typeof value.step === 'number' ? value : null;
  } catch {
    return null;
  }
}

/** File name of the grid written at `step`, zero-padded so that names sort by step. */
export function gridName(step: number): string {
  return `step-${String(step).padStart(6, '0')}`;
}
