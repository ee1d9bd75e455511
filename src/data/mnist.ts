// Node-only: MNIST and other datasets in its IDX layout (e.g. Fashion-MNIST).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError, describeError } from './errors.js';
import { readIdxFile } from './idx.js';
import { allocatePixels, type ImageSet } from './image-set.js';
import { checkOptions, type LoadOptions } from './options.js';
import { pathKind } from './path-kind.js';
import { SIGNED_RANGE } from './pixels/normalise.js';
import { prepareSource } from './pixels/prepare.js';
import type { PixelSource } from './pixels/source.js';
import { grayToRgb } from './pixels/to-rgb.js';

const MAX_8_BIT = 255;
const IMAGE_DIMENSIONS = 3; // [count, rows, columns]
const LABEL_DIMENSIONS = 1; // [count]
/** Image files: train-images-idx3-ubyte, t10k-images.idx3-ubyte.gz and similar. */
const IMAGES_FILE = /idx3-ubyte(\.gz)?$/i;
const EXPECTED = 'an MNIST images file (*-idx3-ubyte, optionally .gz) or a folder containing one';

/** Returns the image files of an MNIST folder: the train-* files if there are any, else all of them. */
export async function listMnistImageFiles(dir: string): Promise<string[]> {
  const images = (await readdir(dir)).filter((name) => IMAGES_FILE.test(name)).sort();
  const training = images.filter((name) => name.toLowerCase().startsWith('train'));
  return training.length > 0 ? training : images;
}

/**
 * Loads MNIST-format images from an idx3-ubyte file or a folder (see listMnistImageFiles), with
 * labels from the matching idx1-ubyte file when every images file has one: train-images-idx3-ubyte
 * pairs with train-labels-idx1-ubyte, with or without .gz. Pixels keep MNIST's convention
 * (0 = background, 255 = ink), are resized to size x size with the shared policy and scaled to
 * [-1, 1]. Channels are 1 unless options.channels is 3, which copies gray into red, green and blue.
 */
export async function loadMnist(target: string, options: LoadOptions): Promise<ImageSet> {
  const checked = checkOptions(options);
  const channels = checked.channels ?? 1;
  const resolved = path.resolve(target);
  const kind = await pathKind(resolved, EXPECTED);
  const dir = kind === 'folder' ? resolved : path.dirname(resolved);
  const files = kind === 'folder' ? await listFolder(dir) : [path.basename(resolved)];
  if (files.length === 0) throw new DatasetError(`No MNIST images file in ${dir}: expected ${EXPECTED}`);

  const parts = await Promise.all(files.map((file) => readImagesWithLabels(path.join(dir, file))));
  checkSameImageSize(parts);
  const count = parts.reduce((sum, part) => sum + part.count, 0);
  if (count === 0) throw new DatasetError(`No images in ${resolved}: the IDX files list 0 images`);

  const valuesPerImage = checked.size * checked.size * channels;
  const pixels = allocatePixels(count, valuesPerImage, resolved);
  let index = 0;
  for (const part of parts) {
    const imageBytes = part.rows * part.columns;
    for (let i = 0; i < part.count; i++, index++) {
      const bytes = part.pixels.subarray(i * imageBytes, (i + 1) * imageBytes);
      const gray = prepareSource(graySource(bytes, part.columns, part.rows), checked.size); // [size, size, 1]
      pixels.set(channels === 3 ? grayToRgb(gray) : gray, index * valuesPerImage);
    }
  }

  const allLabelled = parts.every((part) => part.labels !== undefined);
  const labels = allLabelled ? concatenate(parts.map((part) => part.labels!)) : undefined;
  const source = kind === 'folder' ? `${path.basename(dir)} (${files.join(', ')})` : files[0];
  return {
    name: `MNIST ${source}`,
    width: checked.size,
    height: checked.size,
    channels,
    count,
    pixels,
    range: [...SIGNED_RANGE],
    ...(labels === undefined ? {} : { labels }),
    skipped: [],
  };
}

/** Throws unless every images file has the image size of the first one. */
function checkSameImageSize(parts: MnistPart[]): void {
  const [first] = parts;
  const mismatch = parts.find((part) => part.rows !== first.rows || part.columns !== first.columns);
  if (mismatch !== undefined) {
    throw new DatasetError(
      `${mismatch.file} has ${mismatch.rows}x${mismatch.columns} images, but ${first.file} has ` +
        `${first.rows}x${first.columns}: load them separately`,
    );
  }
}

async function listFolder(dir: string): Promise<string[]> {
  try {
    return await listMnistImageFiles(dir);
  } catch (error) {
    throw new DatasetError(`Cannot read MNIST folder ${dir}: ${describeError(error)}`, { cause: error });
  }
}

/** One images file with its labels, if a matching labels file exists. */
interface MnistPart {
  file: string;
  count: number;
  rows: number;
  columns: number;
  pixels: Uint8Array;
  labels?: Uint8Array;
}

async function readImagesWithLabels(file: string): Promise<MnistPart> {
  const images = await readIdxFile(file);
  if (images.dims.length === LABEL_DIMENSIONS) {
    throw new DatasetError(`${file} is an IDX labels file (idx1): pass the images file (idx3-ubyte) instead`);
  }
  if (images.dims.length !== IMAGE_DIMENSIONS) {
    throw new DatasetError(
      `${file} has ${images.dims.length} dimensions, but MNIST images have 3 (count, rows, columns)`,
    );
  }
  const [count, rows, columns] = images.dims;
  if (rows === 0 || columns === 0) throw new DatasetError(`${file} has images of ${rows}x${columns} pixels`);
  const labelsFile = await findLabelsFile(file);
  if (labelsFile === undefined) return { file, count, rows, columns, pixels: images.data };

  const labels = await readIdxFile(labelsFile);
  if (labels.dims.length !== LABEL_DIMENSIONS || labels.dims[0] !== count) {
    throw new DatasetError(
      `${labelsFile} has shape ${labels.dims.join('x')}, but ${path.basename(file)} has ${count} images ` +
        `and needs ${count} labels: fix or remove the labels file`,
    );
  }
  return { file, count, rows, columns, pixels: images.data, labels: labels.data };
}

/** Returns the labels file that pairs with an images file: images -> labels, idx3 -> idx1, with or without .gz. */
async function findLabelsFile(imagesFile: string): Promise<string | undefined> {
  const dir = path.dirname(imagesFile);
  const base = path.basename(imagesFile).replace(/\.gz$/i, '');
  const labelsBase = base.replace(/images/i, 'labels').replace(/idx3/i, 'idx1');
  if (labelsBase === base) return undefined;
  const names = new Set(await readdir(dir));
  const found = [labelsBase, `${labelsBase}.gz`, `${labelsBase}.GZ`].find((name) => names.has(name));
  return found === undefined ? undefined : path.join(dir, found);
}

/** Wraps one grayscale image (bytes, row-major) as a 1-channel source in [0, 1]. */
function graySource(bytes: Uint8Array, width: number, height: number): PixelSource {
  return {
    width,
    height,
    channels: 1,
    readRow(y, left, count, out) {
      for (let x = 0; x < count; x++) out[x] = bytes[y * width + left + x] / MAX_8_BIT;
    },
  };
}

function concatenate(arrays: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    joined.set(array, offset);
    offset += array.length;
  }
  return joined;
}
