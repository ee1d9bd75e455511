// The 2x2 "slanted faces" toy: the smallest dataset a GAN can learn, built in so that a
// 1-layer generator with a sigmoid output and a logistic-regression discriminator can be
// trained and inspected by hand. No Node imports.
import { DatasetError } from './errors.js';
import { UNIT_RANGE, type ImageSet } from './image-set.js';

/** Side of a toy image in pixels. */
export const TOY_SIDE = 2;
/** Number of images that loadDataset('toy') generates. */
export const DEFAULT_TOY_COUNT = 1000;
/** Seed of the generator that loadDataset('toy') uses when the caller passes none. */
export const DEFAULT_TOY_SEED = 1;

/** Ink intensity range of the two diagonal pixels of a slanted face (1 = black ink). */
const DARK_RANGE: [number, number] = [0.75, 1];
/** Ink intensity range of the two off-diagonal pixels. */
const LIGHT_RANGE: [number, number] = [0, 0.25];
const PIXELS_PER_IMAGE = TOY_SIDE * TOY_SIDE;
const TOP_LEFT = 0;
const TOP_RIGHT = 1;
const BOTTOM_LEFT = 2;
const BOTTOM_RIGHT = 3;

/**
 * Generates `count` slanted faces. A pixel value is ink intensity in [0, 1], where 1 is dark.
 * A slanted face has its diagonal from top-left to bottom-right dark, uniform in [0.75, 1], and
 * the top-right and bottom-left pixels light, uniform in [0, 0.25]. The set is 2x2 grayscale
 * with range [0, 1], and pixels are [count, 2, 2, 1] (top-left, top-right, bottom-left,
 * bottom-right). `random` must return uniform numbers in [0, 1), e.g. a seeded generator for
 * reproducible runs.
 */
export function slantedFaces(count: number, random: () => number): ImageSet {
  if (!Number.isInteger(count) || count < 1) {
    throw new DatasetError(`invalid toy image count ${count}: expected a positive integer`);
  }
  const pixels = new Float32Array(count * PIXELS_PER_IMAGE);
  const draw = (range: [number, number]): number => {
    const value = random();
    if (!(value >= 0 && value < 1)) {
      throw new DatasetError(`random() returned ${value}, but the toy generator needs numbers in [0, 1)`);
    }
    return range[0] + value * (range[1] - range[0]);
  };
  for (let i = 0; i < count; i++) {
    const image = i * PIXELS_PER_IMAGE;
    pixels[image + TOP_LEFT] = draw(DARK_RANGE);
    pixels[image + TOP_RIGHT] = draw(LIGHT_RANGE);
    pixels[image + BOTTOM_LEFT] = draw(LIGHT_RANGE);
    pixels[image + BOTTOM_RIGHT] = draw(DARK_RANGE);
  }
  return {
    name: 'slanted faces (2x2 toy)',
    width: TOY_SIDE,
    height: TOY_SIDE,
    channels: 1,
    count,
    pixels,
    range: [...UNIT_RANGE],
    skipped: [],
  };
}

/**
 * Returns a seeded xorshift32 generator (shifts 13, 17, 5) of numbers in [0, 1). It is fast and
 * reproducible but not statistically strong, which is enough for toy data.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1; // xorshift32 must not start at 0
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}
