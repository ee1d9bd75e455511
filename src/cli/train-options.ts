// Options of `pixelgan train`, parsed from the command line.

import { DEFAULT_LEARNING_RATE, DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../train/options.js';
import { DEFAULT_LATENT_SIZE } from '../nn/architecture.js';
import { NODE_BACKEND_NAMES } from '../backend/node.js';
import { backendOption, choiceOption, integerOption, parseOptions, positiveNumberOption, UsageError, widthsOption, type OptionSpec } from './args.js';

/** Steps of the default run: enough for the bundled emoji to show their colours and layout. */
export const DEFAULT_STEPS = 3000;
export const DEFAULT_SIZE_PX = 16;
export const DEFAULT_OUT_DIR = 'pixelgan-out';
/** Largest image side the CLI accepts; 256 x 256 x 3 already makes 196,608-wide layers. */
const MAX_SIZE_PX = 256;
/** Largest learning rate accepted; Adam and SGD diverge long before it. */
const MAX_LEARNING_RATE = 1;

export const TRAIN_OPTION_SPEC: OptionSpec = {
  data: { type: 'string' },
  size: { type: 'string' },
  steps: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'string' },
  backend: { type: 'string' },
  'z-dim': { type: 'string' },
  hidden: { type: 'string' },
  'd-hidden': { type: 'string' },
  'lr-g': { type: 'string' },
  'lr-d': { type: 'string' },
  'd-steps': { type: 'string' },
  'g-loss': { type: 'string' },
  'sample-every': { type: 'string' },
  'checkpoint-every': { type: 'string' },
  overwrite: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export interface TrainCommandOptions {
  help: boolean;
  data: string | undefined;
  size: number;
  /** Whether --size was given, so a resumed run can reject a size that differs from its checkpoint's. */
  sizeGiven: boolean;
  /** Steps to run now; on resume, steps added to the checkpoint's. Undefined when --epochs is used. */
  steps: number | undefined;
  epochs: number | undefined;
  out: string | undefined;
  resume: string | undefined;
  backend: string | undefined;
  overwrite: boolean;
  latentSize: number | undefined;
  generatorHidden: number[] | undefined;
  /** Only what --d-hidden gives; D defaults to G's widths. */
  discriminatorHidden: number[] | undefined;
  /** Only the training options given on the command line; the rest come from defaults or the checkpoint. */
  train: Partial<TrainOptions>;
  sampleEvery: number | undefined;
  checkpointEvery: number | undefined;
}

function given<T>(values: Record<string, unknown>, name: string, parse: () => T): T | undefined {
  return values[name] === undefined ? undefined : parse();
}

export function parseTrainOptions(argv: string[]): TrainCommandOptions {
  const v = parseOptions(argv, TRAIN_OPTION_SPEC, 'train');
  if (v.steps !== undefined && v.epochs !== undefined) throw new UsageError('give --steps or --epochs, not both');
  const hidden = widthsOption(v, 'hidden');
  const train: Partial<TrainOptions> = {
    batchSize: given(v, 'batch', () => integerOption(v, 'batch', 0, 1, 65536)),
    seed: given(v, 'seed', () => integerOption(v, 'seed', 0, 0, 2 ** 32 - 1)),
    lrG: given(v, 'lr-g', () => positiveNumberOption(v, 'lr-g', DEFAULT_LEARNING_RATE, MAX_LEARNING_RATE)),
    lrD: given(v, 'lr-d', () => positiveNumberOption(v, 'lr-d', DEFAULT_LEARNING_RATE, MAX_LEARNING_RATE)),
    dStepsPerGStep: given(v, 'd-steps', () => integerOption(v, 'd-steps', 1, 1, 100)),
    generatorLoss: given(v, 'g-loss', () => choiceOption(v, 'g-loss', ['non-saturating', 'minimax'] as const, DEFAULT_TRAIN_OPTIONS.generatorLoss)),
  };
  for (const key of Object.keys(train) as (keyof TrainOptions)[]) if (train[key] === undefined) delete train[key];
  return {
    help: v.help === true,
    data: v.data as string | undefined,
    size: integerOption(v, 'size', DEFAULT_SIZE_PX, 1, MAX_SIZE_PX),
    sizeGiven: v.size !== undefined,
    steps: given(v, 'steps', () => integerOption(v, 'steps', 0, 1)),
    epochs: given(v, 'epochs', () => integerOption(v, 'epochs', 0, 1)),
    out: v.out as string | undefined,
    resume: v.resume as string | undefined,
    backend: backendOption(v, NODE_BACKEND_NAMES),
    overwrite: v.overwrite === true,
    latentSize: given(v, 'z-dim', () => integerOption(v, 'z-dim', DEFAULT_LATENT_SIZE, 1, 65536)),
    generatorHidden: hidden,
    discriminatorHidden: widthsOption(v, 'd-hidden'),
    train,
    sampleEvery: given(v, 'sample-every', () => integerOption(v, 'sample-every', 0, 1)),
    checkpointEvery: given(v, 'checkpoint-every', () => integerOption(v, 'checkpoint-every', 0, 1)),
  };
}

export const TRAIN_HELP = `Usage: pixelgan train [options]

Trains a GAN on a folder of images (or CIFAR-10, MNIST, or the 2x2 toy) and writes sample
grids, a loss chart, a metrics log and checkpoints to the output folder.

Data
  --data PATH          folder of PNG/JPEG images (searched recursively), a CIFAR-10 .bin file
                       or folder, an MNIST idx3-ubyte(.gz) file or folder, or "toy" for the
                       2x2 slanted faces. Default: the bundled emoji images.
  --size N             image width and height in pixels after centre crop and resize
                       (default ${DEFAULT_SIZE_PX}; ignored for "toy")

  The toy defaults to the classic setup: --z-dim 1, --hidden none, --batch 16,
  learning rates 0.01.

Length
  --steps N            G updates to run (default ${DEFAULT_STEPS}); with --resume, steps added
  --epochs N           run until D has seen the dataset N times (instead of --steps)

Model
  --z-dim N            latent vector length (default ${DEFAULT_LATENT_SIZE})
  --hidden W[,W...]    hidden layer widths of G, or "none" (default: one layer as wide as
                       the image, e.g. 768 for 16x16 RGB); D gets the same unless --d-hidden
  --d-hidden W[,W...]  hidden layer widths of D, or "none"

Training
  --batch N            images per batch (default ${DEFAULT_TRAIN_OPTIONS.batchSize})
  --seed N             seed for weights, latent vectors and batch order (default ${DEFAULT_TRAIN_OPTIONS.seed})
  --lr-g X, --lr-d X   Adam learning rates of G and D (default ${DEFAULT_LEARNING_RATE})
  --d-steps N          D updates per G update (default 1)
  --g-loss KIND        non-saturating (-log D(G(z)), default) or minimax (log(1 - D(G(z))))
  --backend NAME       native, wasm, ts or auto (default auto; also PIXELGAN_BACKEND)

Output
  --out DIR            output folder (default ${DEFAULT_OUT_DIR}; on resume, the checkpoint's folder)
  --resume FILE        continue the run saved in a checkpoint; the model and training
                       options come from the checkpoint, except --lr-g and --lr-d, which
                       may be changed (for example after a run diverged)
  --overwrite          allow a new run to replace the checkpoint already in --out
  --sample-every N     write a sample grid every N steps (default: 10 grids per run)
  --checkpoint-every N save a checkpoint every N steps (default: same as --sample-every)
  -h, --help           show this help

Ctrl-C stops after the current step and saves a checkpoint; a second Ctrl-C stops at once
(the last checkpoint stays intact).
`;
