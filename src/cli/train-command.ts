// `pixelgan train`: set up data, backend and trainer, then run the training loop.

import path from 'node:path';
import { createNodeBackend } from '../backend/node.js';
import type { Backend } from '../backend/types.js';
import { readCheckpointFile } from '../checkpoint/checkpoint-file.js';
import { loadDataset, TOY_SPEC, type ImageSet } from '../data/index.js';
import { Trainer, type TrainerSnapshot } from '../train/trainer.js';
import { UsageError } from './args.js';
import { describeArchitecture, runTrainingLoop } from './train-loop.js';
import { DEFAULT_OUT_DIR, DEFAULT_STEPS, parseTrainOptions, TRAIN_HELP, type TrainCommandOptions } from './train-options.js';
import { RunFolder } from './run-folder.js';

/** Value of the checkpoint's dataset entry when the bundled images were used. */
const BUNDLED_DATASET = 'bundled';

export async function trainCommand(argv: string[]): Promise<number> {
  const options = parseTrainOptions(argv);
  if (options.help) {
    process.stdout.write(TRAIN_HELP);
    return 0;
  }
  const snapshot = options.resume === undefined ? undefined : await readCheckpointFile(options.resume);
  if (snapshot !== undefined) rejectConflictingModelOptions(options, snapshot);

  const dataSpec = options.data ?? datasetOfSnapshot(snapshot);
  const size = snapshot?.generatorConfig.image.width ?? options.size;
  if (snapshot !== undefined && argv.includes('--size') && options.size !== size) {
    throw new UsageError(`--size ${options.size} does not match the checkpoint, which was trained on ${size}x${size} images`);
  }
  const data = await loadDataset(dataSpec, { size });
  reportSkipped(data);

  const folder = await RunFolder.open(outputDir(options));
  if (snapshot === undefined && !options.overwrite && (await folder.hasCheckpoint())) {
    throw new UsageError(
      `${folder.checkpointPath} already exists. Continue that run with --resume ${folder.checkpointPath}, ` +
        'choose another --out folder, or pass --overwrite to replace it',
    );
  }

  const selection = await createNodeBackend(options.backend);
  const trainer = buildTrainer(selection.backend, data, options, snapshot);
  if (snapshot !== undefined) await folder.resumeMetrics(snapshot.step);
  const steps = stepsToRun(options, data, trainer);

  const skipped = selection.skipped.map((s) => `${s.name} skipped: ${s.reason}`);
  console.log(`pixelgan: backend ${selection.backend.name} (${selection.backend.describe()})${skipped.length ? `; ${skipped.join('; ')}` : ''}`);
  console.log(`data: ${data.name}: ${data.count} images, ${data.width}x${data.height}x${data.channels}`);
  console.log(`model: ${describeArchitecture(trainer)}; batch ${trainer.options.batchSize}, seed ${trainer.options.seed}`);
  console.log(`${snapshot ? `resuming at step ${snapshot.step}, ` : ''}training ${steps} steps; writing to ${folder.dir}`);

  return runTrainingLoop({
    trainer,
    folder,
    steps,
    dataset: dataSpec ?? BUNDLED_DATASET,
    sampleEvery: options.sampleEvery,
    checkpointEvery: options.checkpointEvery,
  });
}

function datasetOfSnapshot(snapshot: TrainerSnapshot | undefined): string | undefined {
  const stored = snapshot?.dataset;
  return stored === undefined || stored === BUNDLED_DATASET ? undefined : stored;
}

function outputDir(options: TrainCommandOptions): string {
  if (options.out !== undefined) return options.out;
  return options.resume !== undefined ? path.dirname(options.resume) : DEFAULT_OUT_DIR;
}

function rejectConflictingModelOptions(options: TrainCommandOptions, snapshot: TrainerSnapshot): void {
  const g = snapshot.generatorConfig;
  const conflicts: string[] = [];
  if (options.latentSize !== undefined && options.latentSize !== g.latentSize) conflicts.push(`--z-dim (checkpoint: ${g.latentSize})`);
  if (options.generatorHidden !== undefined && options.generatorHidden.join(',') !== g.hidden.join(',')) {
    conflicts.push(`--hidden (checkpoint: ${g.hidden.join(',') || 'none'})`);
  }
  const dHidden = snapshot.discriminatorConfig.hidden;
  if (options.discriminatorHidden !== undefined && options.discriminatorHidden.join(',') !== dHidden.join(',')) {
    conflicts.push(`--d-hidden (checkpoint: ${dHidden.join(',') || 'none'})`);
  }
  for (const key of Object.keys(options.train) as (keyof typeof options.train)[]) {
    if (options.train[key] !== snapshot.options[key]) conflicts.push(`the ${key} option (checkpoint: ${String(snapshot.options[key])})`);
  }
  if (conflicts.length > 0) {
    throw new UsageError(`a resumed run keeps the checkpoint's model and training options; remove ${conflicts.join(', ')}`);
  }
}

function buildTrainer(backend: Backend, data: ImageSet, options: TrainCommandOptions, snapshot: TrainerSnapshot | undefined): Trainer {
  if (snapshot !== undefined) return Trainer.restore(backend, data, snapshot);
  const isToy = options.data === TOY_SPEC;
  return Trainer.create({
    backend,
    data,
    generator: {
      // The toy defaults follow the classic example: one latent number, no hidden layer.
      ...(isToy ? { latentSize: 1, hidden: [] } : {}),
      ...(options.latentSize !== undefined ? { latentSize: options.latentSize } : {}),
      ...(options.generatorHidden !== undefined ? { hidden: options.generatorHidden } : {}),
    },
    discriminator: {
      ...(isToy ? { hidden: [] } : {}),
      ...(options.discriminatorHidden !== undefined ? { hidden: options.discriminatorHidden } : {}),
    },
    options: { ...(isToy ? TOY_TRAIN_OPTIONS : {}), ...options.train },
  });
}

/** Toy defaults: small batches and a learning rate at which the 2x2 case converges in seconds. */
const TOY_TRAIN_OPTIONS = { batchSize: 16, lrG: 0.01, lrD: 0.01 };

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
  console.warn([`skipped ${data.skipped.length} file(s) that could not be used:`, ...shown, ...more].join('\n'));
}
