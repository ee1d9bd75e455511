import { DatasetError, describeError } from './errors.js';
import { checkBackground, WHITE, type Rgb } from './pixels/to-rgb.js';

/** Options shared by every loader. Each loader reads the ones that apply to its format. */
export interface LoadOptions {
  /** Output width and height in pixels: every image is centre-cropped and resized to size x size. */
  size: number;
  /** Colour behind transparent pixels, as 8-bit [red, green, blue]. Default white. */
  background?: Rgb;
  /**
   * Channels for grayscale formats (MNIST): 1 by default, or 3 to copy gray into red, green and
   * blue. Colour formats always load as 3 channels and reject 1.
   */
  channels?: 1 | 3;
  /** Uniform random numbers in [0, 1) for the toy dataset. Default: a generator with a fixed seed. */
  random?: () => number;
}

/** Options after validation, with defaults filled in. */
export interface CheckedOptions {
  size: number;
  background: Rgb;
  channels: 1 | 3 | undefined;
  random: (() => number) | undefined;
}

/** Validates `options` and fills in defaults. Throws a DatasetError that names the invalid value. */
export function checkOptions(options: LoadOptions): CheckedOptions {
  const { size, background = WHITE, channels, random } = options ?? ({} as Partial<LoadOptions>);
  if (!Number.isInteger(size) || size < 1) {
    throw new DatasetError(`invalid size ${size}: expected a positive integer number of pixels, e.g. 16 or 32`);
  }
  try {
    checkBackground(background);
  } catch (error) {
    throw new DatasetError(describeError(error), { cause: error });
  }
  if (channels !== undefined && channels !== 1 && channels !== 3) {
    throw new DatasetError(`invalid channels ${channels}: expected 1 (grayscale) or 3 (RGB)`);
  }
  if (random !== undefined && typeof random !== 'function') {
    throw new DatasetError('invalid random: expected a function that returns numbers in [0, 1)');
  }
  return { size, background, channels, random };
}

/** Throws a DatasetError when a colour format is asked for 1 channel, naming the dataset. */
export function rejectGrayscaleRequest(options: CheckedOptions, source: string): void {
  if (options.channels === 1) {
    throw new DatasetError(
      `${source} is a colour dataset and always loads as 3 channels, so channels 1 applies only to MNIST`,
    );
  }
}
