// Node-only: turns a dataset argument (as typed on the command line) into an ImageSet.
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { loadBundledDataset } from './bundled.js';
import { listCifar10Batches, loadCifar10 } from './cifar10.js';
import { hasJpegSignature } from './decode-image.js';
import { DatasetError, describeError } from './errors.js';
import { loadImageFolder } from './folder.js';
import { hasIdxMagic, isGzip } from './idx.js';
import type { ImageSet } from './image-set.js';
import { listMnistImageFiles, loadMnist } from './mnist.js';
import { checkOptions, type LoadOptions } from './options.js';
import { pathKind } from './path-kind.js';
import { hasPngSignature } from './png-chunks.js';
import { DEFAULT_TOY_COUNT, DEFAULT_TOY_SEED, seededRandom, slantedFaces } from './toy.js';

/** Dataset argument that selects the built-in 2x2 toy. A folder named "toy" needs "./toy". */
export const TOY_SPEC = 'toy';
const SNIFF_BYTES = 8;
const EXPECTED =
  'a folder of .png/.jpg images, a CIFAR-10 .bin file or folder, an MNIST idx3-ubyte file or folder, or "toy"';

/**
 * Loads the dataset that `spec` names:
 * - undefined: the bundled emoji;
 * - "toy": DEFAULT_TOY_COUNT slanted faces from options.random, or from a fixed seed (size is ignored);
 * - a .bin file, or a folder with data_batch_N.bin or test_batch.bin: CIFAR-10;
 * - an IDX file (plain or gzip, recognised by content), or a folder with *idx3-ubyte(.gz): MNIST;
 * - any other folder: PNG and JPEG images, searched recursively.
 * Throws a DatasetError that names the path and what was expected.
 */
export async function loadDataset(spec: string | undefined, options: LoadOptions): Promise<ImageSet> {
  const checked = checkOptions(options);
  if (spec === undefined) return loadBundledDataset(options);
  if (spec === TOY_SPEC) return slantedFaces(DEFAULT_TOY_COUNT, checked.random ?? seededRandom(DEFAULT_TOY_SEED));
  if (spec.trim() === '') throw new DatasetError(`The dataset path is empty: expected ${EXPECTED}`);

  const target = path.resolve(spec);
  const kind = await pathKind(target, EXPECTED);
  if (kind === 'folder') {
    const names = await readFolder(target);
    if ((await listCifar10Batches(target)).length > 0) return loadCifar10(target, options);
    if ((await listMnistImageFiles(target)).length > 0) return loadMnist(target, options);
    if (names.length === 0) throw new DatasetError(`${target} is an empty folder: expected ${EXPECTED}`);
    return loadImageFolder(target, options);
  }

  if (path.extname(target).toLowerCase() === '.bin') return loadCifar10(target, options);
  const head = await readHead(target);
  if (isGzip(head) || hasIdxMagic(head)) return loadMnist(target, options);
  if (hasPngSignature(head) || hasJpegSignature(head)) {
    throw new DatasetError(`${target} is a single image: pass the folder that contains your images instead`);
  }
  throw new DatasetError(`${target} is not a recognised dataset file: expected ${EXPECTED}`);
}

async function readFolder(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    throw new DatasetError(`Cannot read folder ${dir}: ${describeError(error)}`, { cause: error });
  }
}

/** Reads the first bytes of a file, enough to recognise its format. */
async function readHead(file: string): Promise<Uint8Array> {
  try {
    const handle = await open(file, 'r');
    try {
      const head = new Uint8Array(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new DatasetError(`Cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
}
