// The CLI's training loop: steps, progress lines, periodic grids and checkpoints, and a clean
// stop on Ctrl-C or divergence that keeps the latest good checkpoint.

import { saveCheckpointFile } from '../checkpoint/checkpoint-file.js';
import { isInkImage, outputRange } from '../checkpoint/checkpoint.js';
import { Trainer, TrainingDivergedError } from '../train/trainer.js';
import { formatProgress } from './progress.js';
import { gridName, type RunFolder } from './run-folder.js';
import { GRID_SAMPLES, gridLatents } from '../train/latents.js';

/** Minimum time between two progress lines, in milliseconds. */
const PROGRESS_INTERVAL_MS = 1000;
/** Grids written over a run when --sample-every is not given. */
const DEFAULT_GRIDS_PER_RUN = 10;
/** Exit status after Ctrl-C, as shells report for SIGINT (128 + 2). */
const EXIT_INTERRUPTED = 130;

export interface LoopConfig {
  trainer: Trainer;
  folder: RunFolder;
  steps: number;
  /** Stored in checkpoints so that --resume finds the same data. */
  dataset: string;
  /** Overrides of the grid and checkpoint intervals, in steps. */
  sampleEvery?: number;
  checkpointEvery?: number;
  /** True when the run was resumed, so its folder already has a good checkpoint. */
  hadCheckpoint: boolean;
}


async function writeSamples(config: LoopConfig, name: string, latents: Float32Array): Promise<string> {
  const { trainer, folder } = config;
  const images = trainer.generate(latents, GRID_SAMPLES); // [GRID_SAMPLES, imageSize]
  const g = trainer.generator.config;
  const file = await folder.writeGrid(name, images, GRID_SAMPLES, g.image, outputRange(g), isInkImage(g));
  await folder.writeLossChart();
  await folder.flushMetrics();
  return file;
}

/**
 * Saves a checkpoint unless a weight has become NaN or infinite. A diverging update can do
 * that before any loss shows it, so this throws TrainingDivergedError and keeps the last file.
 */
async function saveCheckpoint(config: LoopConfig): Promise<void> {
  await config.folder.flushMetrics();
  const snapshot = config.trainer.snapshot();
  for (const [what, params] of [['G weights', snapshot.generatorParams], ['D weights', snapshot.discriminatorParams]] as const) {
    const bad = params.find((v) => !Number.isFinite(v));
    if (bad !== undefined) throw new TrainingDivergedError(snapshot.step, what, bad);
  }
  await saveCheckpointFile(config.folder.checkpointPath, { ...snapshot, dataset: config.dataset });
}

/** Prints where the run can continue from after it diverged. */
function reportDivergence(error: TrainingDivergedError, config: LoopConfig, savedStep: number | undefined): void {
  const { folder, trainer } = config;
  console.error(`pixelgan: error: ${error.message}`);
  if (savedStep === undefined && !config.hadCheckpoint) {
    console.error('no checkpoint was written before it diverged; start again with lower --lr-g and --lr-d');
    return;
  }
  const lower = (lr: number) => Number((lr / 2).toPrecision(2));
  console.error(
    `the last good checkpoint is ${folder.checkpointPath}${savedStep !== undefined ? ` (step ${savedStep})` : ''}; continue with lower learning rates: ` +
      `pixelgan train --resume ${folder.checkpointPath} --lr-g ${lower(trainer.options.lrG)} --lr-d ${lower(trainer.options.lrD)}`,
  );
}

/** Runs `steps` training steps and returns the process exit status. */
export async function runTrainingLoop(config: LoopConfig): Promise<number> {
  const { trainer, folder, steps } = config;
  const firstStep = trainer.step;
  const lastStep = firstStep + steps;
  const sampleEvery = config.sampleEvery ?? Math.max(1, Math.ceil(steps / DEFAULT_GRIDS_PER_RUN));
  const checkpointEvery = config.checkpointEvery ?? sampleEvery;
  const latents = gridLatents(trainer.options.seed, trainer.generator.config.latentSize);
  const imagesPerStep = trainer.options.batchSize;

  let interrupted = false;
  const onInterrupt = (): void => {
    interrupted = true;
    console.log('\nstopping after this step and saving a checkpoint (press Ctrl-C again to stop at once)');
  };
  process.once('SIGINT', onInterrupt);

  const started = performance.now();
  let lastPrint = 0;
  let savedStep: number | undefined;
  try {
    while (trainer.step < lastStep && !interrupted) {
      const metrics = trainer.trainStep();
      const seconds = (performance.now() - started) / 1000;
      const done = metrics.step - firstStep;
      const imagesPerSecond = (done * imagesPerStep) / Math.max(seconds, 1e-9);
      folder.record({ ...metrics, seconds, imagesPerSecond });

      const now = performance.now();
      if (now - lastPrint >= PROGRESS_INTERVAL_MS || metrics.step === lastStep) {
        const etaSeconds = ((lastStep - metrics.step) * seconds) / done;
        console.log(formatProgress({ metrics, lastStep, imagesPerSecond, etaSeconds }));
        lastPrint = now;
      }
      if (metrics.step % sampleEvery === 0 && metrics.step !== lastStep) await writeSamples(config, gridName(metrics.step), latents);
      if (metrics.step % checkpointEvery === 0) {
        await saveCheckpoint(config);
        savedStep = metrics.step;
      }
      // Yield to the event loop so that Ctrl-C is seen between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await saveCheckpoint(config);
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    await folder.flushMetrics();
    reportDivergence(error, config, savedStep);
    return 1;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }

  const grid = await writeSamples(config, 'final', latents);
  const seconds = (performance.now() - started) / 1000;
  console.log(`wrote ${grid}, ${folder.dir}/loss.png and ${folder.checkpointPath} (${trainer.step - firstStep} steps in ${seconds.toFixed(1)} s)`);
  if (!interrupted) return 0;
  console.log(
    `stopped at step ${trainer.step} of ${lastStep}; continue with: ` +
      `pixelgan train --resume ${folder.checkpointPath} --steps ${lastStep - trainer.step}`,
  );
  return EXIT_INTERRUPTED;
}
