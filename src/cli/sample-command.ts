// `pixelgan sample`: generate a grid of images from a checkpoint.

import path from 'node:path';
import { createNodeBackend } from '../backend/node.js';
import { readCheckpointFile } from '../checkpoint/checkpoint-file.js';
import { isInkImage, outputRange } from '../checkpoint/checkpoint.js';
import { renderGrid } from '../image/png-grid.js';
import { writePng } from '../image/write-png.js';
import { Generator } from '../nn/networks.js';
import { sampleLatents } from '../train/latents.js';
import { generateImages } from '../train/trainer.js';
import { NODE_BACKEND_NAMES } from '../backend/node.js';
import { backendOption, integerOption, parseOptions, UsageError } from './args.js';

const DEFAULT_COUNT = 64;
/** Most images one grid may hold. */
const MAX_COUNT = 4096;

export const SAMPLE_HELP = `Usage: pixelgan sample --checkpoint FILE [options]

Generates images from a checkpoint's generator and writes them as one grid PNG.
The same checkpoint and seed always give the same images.

  --checkpoint FILE  checkpoint written by pixelgan train (required)
  --n N              number of images (default ${DEFAULT_COUNT}, at most ${MAX_COUNT})
  --seed N           seed of the latent vectors (default 1)
  --out FILE         output PNG (default grid.png)
  --columns N        images per row (default: square grid)
  --backend NAME     native, wasm, ts or auto (default auto; also PIXELGAN_BACKEND)
  -h, --help         show this help
`;

export async function sampleCommand(argv: string[]): Promise<number> {
  const v = parseOptions(
    argv,
    {
      checkpoint: { type: 'string' },
      n: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      columns: { type: 'string' },
      backend: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'sample',
  );
  if (v.help === true) {
    process.stdout.write(SAMPLE_HELP);
    return 0;
  }
  if (typeof v.checkpoint !== 'string') throw new UsageError('--checkpoint FILE is required. Run "pixelgan sample --help" for the options.');
  const count = integerOption(v, 'n', DEFAULT_COUNT, 1, MAX_COUNT);
  const seed = integerOption(v, 'seed', 1, 0, 2 ** 32 - 1);
  const columns = v.columns === undefined ? undefined : integerOption(v, 'columns', 1, 1, MAX_COUNT);
  const out = typeof v.out === 'string' ? v.out : 'grid.png';
  const backendRequest = backendOption(v, NODE_BACKEND_NAMES);
  if (path.extname(out).toLowerCase() !== '.png') throw new UsageError(`--out must name a .png file, got "${out}"`);

  const snapshot = await readCheckpointFile(v.checkpoint);
  const { backend } = await createNodeBackend(backendRequest);
  const generator = new Generator(backend, snapshot.generatorConfig);
  generator.writeParams(snapshot.generatorParams);
  const config = snapshot.generatorConfig;
  const images = generateImages(generator, sampleLatents(seed, count, config.latentSize), count); // [count, imageSize]
  await writePng(out, renderGrid(images, { count, ...config.image, range: outputRange(config), columns, inverted: isInkImage(config) }));
  console.log(`wrote ${count} images from ${v.checkpoint} (step ${snapshot.step}, seed ${seed}) to ${out}`);
  return 0;
}
