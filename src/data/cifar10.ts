// Node-only: CIFAR-10 binary batches (data_batch_1.bin ... data_batch_5.bin, test_batch.bin).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError, describeError } from './errors.js';
import { allocatePixels, type ImageSet } from './image-set.js';
import { checkOptions, rejectGrayscaleRequest, type LoadOptions } from './options.js';
import { pathKind } from './path-kind.js';
import { SIGNED_RANGE } from './pixels/normalise.js';
import { prepareSource } from './pixels/prepare.js';
import type { PixelSource } from './pixels/source.js';

const SIDE = 32;
const PLANE_BYTES = SIDE * SIDE; // one colour channel, row-major
const RGB_CHANNELS = 3;
const MAX_8_BIT = 255;
const CLASS_COUNT = 10;
/** 1 label byte, then the red, green and blue planes of one 32x32 image. */
export const CIFAR10_RECORD_BYTES = 1 + RGB_CHANNELS * PLANE_BYTES;

const TRAINING_BATCH = /^data_batch_(\d+)\.bin$/;
const TEST_BATCH = 'test_batch.bin';
const META_FILE = 'batches.meta.txt';
const EXPECTED = 'a CIFAR-10 binary batch file (data_batch_N.bin, test_batch.bin) or a folder of them';

/** Returns the batch files of a CIFAR-10 folder: every data_batch_N.bin in N order, or else test_batch.bin. */
export async function listCifar10Batches(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  const training = names
    .filter((name) => TRAINING_BATCH.test(name))
    .sort((a, b) => Number(TRAINING_BATCH.exec(a)![1]) - Number(TRAINING_BATCH.exec(b)![1]));
  if (training.length > 0) return training;
  return names.includes(TEST_BATCH) ? [TEST_BATCH] : [];
}

/**
 * Loads CIFAR-10 from one binary batch file or a folder of them. A folder loads all
 * data_batch_N.bin files, and test_batch.bin only when there are none, so the test batch stays
 * held out. Class names come from batches.meta.txt next to the batches when it exists. Images
 * are resized to size x size with the shared policy (unchanged at size 32) and scaled to [-1, 1].
 */
export async function loadCifar10(target: string, options: LoadOptions): Promise<ImageSet> {
  const checked = checkOptions(options);
  const resolved = path.resolve(target);
  rejectGrayscaleRequest(checked, resolved);
  const kind = await pathKind(resolved, EXPECTED);
  const dir = kind === 'folder' ? resolved : path.dirname(resolved);
  const files = kind === 'folder' ? await listFolder(dir) : [path.basename(resolved)];
  if (files.length === 0) {
    throw new DatasetError(`No CIFAR-10 batch files in ${dir}: expected ${EXPECTED}`);
  }

  const batches = await Promise.all(files.map((file) => readBatch(path.join(dir, file))));
  const count = batches.reduce((sum, batch) => sum + batch.length / CIFAR10_RECORD_BYTES, 0);
  const valuesPerImage = checked.size * checked.size * RGB_CHANNELS;
  const pixels = allocatePixels(count, valuesPerImage, resolved);
  const labels = new Uint8Array(count);
  let index = 0;
  for (let b = 0; b < batches.length; b++) {
    const batch = batches[b];
    for (let offset = 0; offset < batch.length; offset += CIFAR10_RECORD_BYTES, index++) {
      const label = batch[offset];
      if (label >= CLASS_COUNT) {
        throw new DatasetError(
          `${path.join(dir, files[b])}: record ${offset / CIFAR10_RECORD_BYTES} has label ${label}, but ` +
            `CIFAR-10 labels are 0-${CLASS_COUNT - 1}. CIFAR-100 files are not supported.`,
        );
      }
      labels[index] = label;
      const record = batch.subarray(offset + 1, offset + CIFAR10_RECORD_BYTES);
      pixels.set(prepareSource(planarSource(record), checked.size), index * valuesPerImage);
    }
  }

  const classNames = await readClassNames(path.join(dir, META_FILE));
  const source = kind === 'folder' ? `${path.basename(dir)} (${files.join(', ')})` : files[0];
  return {
    name: `CIFAR-10 ${source}`,
    width: checked.size,
    height: checked.size,
    channels: RGB_CHANNELS,
    count,
    pixels,
    range: [...SIGNED_RANGE],
    labels,
    ...(classNames === undefined ? {} : { classNames }),
    skipped: [],
  };
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    return await listCifar10Batches(dir);
  } catch (error) {
    throw new DatasetError(`Cannot read CIFAR-10 folder ${dir}: ${describeError(error)}`, { cause: error });
  }
}

/** Reads a batch file and checks that it is a whole number of records. */
async function readBatch(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DatasetError(`Cannot read CIFAR-10 batch ${file}: ${describeError(error)}`, { cause: error });
  }
  if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
    throw new DatasetError(
      `${file} is ${bytes.length} bytes, which is not a positive multiple of the ${CIFAR10_RECORD_BYTES}-byte ` +
        'CIFAR-10 record. The file is truncated or not from the CIFAR-10 binary version ' +
        '(the Python and MATLAB versions and CIFAR-100 use other layouts).',
    );
  }
  return bytes;
}

/** Wraps one record's red, green and blue planes (after the label byte) as an HWC source in [0, 1]. */
function planarSource(planes: Uint8Array): PixelSource {
  return {
    width: SIDE,
    height: SIDE,
    channels: RGB_CHANNELS,
    readRow(y, left, count, out) {
      for (let x = 0; x < count; x++) {
        const pixel = y * SIDE + left + x;
        for (let c = 0; c < RGB_CHANNELS; c++) {
          out[x * RGB_CHANNELS + c] = planes[c * PLANE_BYTES + pixel] / MAX_8_BIT;
        }
      }
    },
  };
}

/**
 * Reads the class names from batches.meta.txt (one per line, blank lines ignored). Returns
 * undefined when the file does not exist, and throws when it does not list 10 names.
 */
async function readClassNames(file: string): Promise<string[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DatasetError(`Cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (names.length !== CLASS_COUNT) {
    throw new DatasetError(`${file} lists ${names.length} class names, expected ${CLASS_COUNT}: fix or delete it`);
  }
  return names;
}
