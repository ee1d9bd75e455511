// `pixelgan train`: set up data, backend and trainer, then run the training loop.

import path from 'node:path';
import { createNodeBackend } from '../backend/node.js';
import type { BackendSelection } from '../backend/registry.js';
import { readCheckpointFile } from '../checkpoint/checkpoint-file.js';
import { loadDataset, type ImageSet } from '../data/index.js';
import type { Trainer, TrainerSnapshot } from '../train/trainer.js';
import { UsageError } from './args.js';
import { RunFolder } from './run-folder.js';
import { runTrainingLoop } from './train-loop.js';
import { DEFAULT_OUT_DIR, DEFAULT_STEPS, parseTrainOptions, TRAIN_HELP, type TrainCommandOptions } from './train-options.js';
import { buildTrainer, checkResumeData, describeModel, plural, rejectConflictingOptions } from './train-setup.js';

/** Value of the checkpoint's dataset entry when the bundled images were used. */
const BUNDLED_DATASET = 'bundled';

export async function trainCommand(argv: string[]): Promise<number> {
  const options = parseTrainOptions(argv);
  if (options.help) {
    process.stdout.write(TRAIN_HELP);
    return 0;
  }
  const snapshot = options.resume === undefined ? undefined : await readCheckpointFile(options.resume);
  if (snapshot !== undefined) rejectConflictingOptions(options, snapshot);

  const dataSpec = options.data ?? datasetOfSnapshot(snapshot);
  const size = snapshot?.generatorConfig.image.width ?? options.size;
  if (snapshot !== undefined && options.sizeGiven && options.size !== size) {
    throw new UsageError(`--size ${options.size} does not match the checkpoint, which was trained on ${size}x${size} images`);
  }
  const data = await loadDataset(dataSpec, { size });
  reportSkipped(data);
  if (snapshot !== undefined) checkResumeData(snapshot, data);

  const folder = await RunFolder.open(outputDir(options));
  if (snapshot === undefined && (await folder.hasCheckpoint())) {
    if (!options.overwrite) {
      throw new UsageError(
        `${folder.checkpointPath} already exists. Continue that run with --resume ${folder.checkpointPath}, ` +
          'choose another --out folder, or pass --overwrite to replace it',
      );
    }
    await folder.clearPreviousRun();
  }

  const selection = await createNodeBackend(options.backend);
  const trainer = buildTrainer(selection.backend, data, options, snapshot);
  if (snapshot !== undefined) await folder.resumeMetrics(snapshot.step);
  const steps = stepsToRun(options, data, trainer);
  printRunHeader({ selection, data, trainer, snapshot, steps, folder, dataSpec });

  return runTrainingLoop({
    trainer,
    folder,
    steps,
    dataset: dataSpec ?? BUNDLED_DATASET,
    sampleEvery: options.sampleEvery,
    checkpointEvery: options.checkpointEvery,
    hadCheckpoint: snapshot !== undefined,
  });
}

interface RunHeader {
  selection: BackendSelection;
  data: ImageSet;
  trainer: Trainer;
  snapshot: TrainerSnapshot | undefined;
  steps: number;
  folder: RunFolder;
  dataSpec: string | undefined;
}

function printRunHeader(h: RunHeader): void {
  const skipped = h.selection.skipped.map((s) => `${s.name} skipped: ${s.reason}`);
  const backend = h.selection.backend;
  console.log(`pixelgan: backend ${backend.name} (${backend.describe()})${skipped.length ? `; ${skipped.join('; ')}` : ''}`);
  console.log(`data: ${h.data.name}: ${plural(h.data.count, 'image')}, ${h.data.width}x${h.data.height}x${h.data.channels}`);
  console.log(`model: ${describeModel(h.trainer)}; batch ${h.trainer.options.batchSize}, seed ${h.trainer.options.seed}`);
  if (h.trainer.options.batchSize > h.data.count) {
    console.warn(`warning: the batch (${h.trainer.options.batchSize}) is larger than the dataset (${h.data.count}), so every batch repeats images`);
  }
  const stored = h.snapshot?.dataset;
  const current = h.dataSpec ?? BUNDLED_DATASET;
  if (stored !== undefined && current !== stored) {
    console.warn(`note: the checkpoint was trained on ${stored}; this run continues on ${current}`);
  }
  const resuming = h.snapshot ? `resuming at step ${h.snapshot.step}, ` : '';
  console.log(`${resuming}training ${plural(h.steps, 'step')}; writing to ${h.folder.dir}`);
}

function datasetOfSnapshot(snapshot: TrainerSnapshot | undefined): string | undefined {
  const stored = snapshot?.dataset;
  return stored === undefined || stored === BUNDLED_DATASET ? undefined : stored;
}

function outputDir(options: TrainCommandOptions): string {
  if (options.out !== undefined) return options.out;
  return options.resume !== undefined ? path.dirname(options.resume) : DEFAULT_OUT_DIR;
}

function stepsToRun(options: TrainCommandOptions, data: ImageSet, trainer: Trainer): number {
  if (options.steps !== undefined) return options.steps;
  if (options.epochs !== undefined) {
    const realPerStep = trainer.options.batchSize * trainer.options.dStepsPerGStep;
    return Math.max(1, Math.ceil((options.epochs * data.count) / realPerStep));
  }
  return DEFAULT_STEPS;
}

function reportSkipped(data: ImageSet): void {
  if (data.skipped.length === 0) return;
  const shown = data.skipped.slice(0, 5).map((s) => `  ${s.file}: ${s.reason}`);
  const more = data.skipped.length > shown.length ? [`  ... and ${data.skipped.length - shown.length} more`] : [];
  console.warn([`skipped ${plural(data.skipped.length, 'file')} that could not be used:`, ...shown, ...more].join('\n'));
}
