import { DatasetError } from './errors.js';

/** A file that a loader found but could not use, with the reason. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Images ready for training, as every loader returns them. */
export interface ImageSet {
  /** Human-readable source, e.g. "emoji (bundled)" or "CIFAR-10 data_batch_1.bin". */
  name: string;
  width: number;
  height: number;
  channels: 1 | 3;
  count: number;
  /** [count, height, width, channels], row-major and interleaved (HWC), values in `range`. */
  pixels: Float32Array;
  /** [-1, 1] for real images, [0, 1] for the toy because its generator ends in a sigmoid. */
  range: [number, number];
  /** Class id of each image, where the format stores one (CIFAR-10, MNIST). */
  labels?: Uint8Array;
  /** Name of each class id, where the dataset ships them (CIFAR-10 batches.meta.txt). */
  classNames?: string[];
  /** Files that could not be used, with why. Callers should print the count. */
  skipped: SkippedFile[];
}

/** Range of the toy dataset, whose generator ends in a sigmoid. */
export const UNIT_RANGE: [number, number] = [0, 1];

const BYTES_PER_FLOAT = 4;
const BYTES_PER_GIB = 2 ** 30;

/**
 * Allocates the [count, valuesPerImage] pixel array of a dataset. Throws a DatasetError that
 * names `source` and the size needed when the array is too large to allocate.
 */
export function allocatePixels(count: number, valuesPerImage: number, source: string): Float32Array {
  const length = count * valuesPerImage;
  try {
    return new Float32Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const gibibytes = ((length * BYTES_PER_FLOAT) / BYTES_PER_GIB).toFixed(1);
    throw new DatasetError(
      `${source}: ${count} images of ${valuesPerImage} values need ${gibibytes} GiB, which could not be ` +
        'allocated. Use a smaller size or fewer images.',
      { cause: error },
    );
  }
}
