// Real-image batches in a shuffled order that depends only on the seed and the position,
// so a resumed run draws exactly the batches the uninterrupted run would have drawn.

import { Rng } from '../random/rng.js';

/** The part of an image set that training reads. */
export interface TrainingImages {
  count: number;
  width: number;
  height: number;
  channels: 1 | 3;
  /** [count, height, width, channels], values in `range`. */
  pixels: Float32Array;
  range: [number, number];
}

/** Mixed into the seed so that batch-order streams differ from the training stream. */
const EPOCH_SEED_SALT = 0x5bd1e995;
/** Distance between the seeds of consecutive epochs; the Rng constructor hashes the seed. */
const EPOCH_SEED_STRIDE = 7919;

export class BatchSampler {
  private readonly imageSize: number;
  private order: Uint32Array;
  private orderEpoch = -1;
  /** Images drawn so far, over all epochs. */
  position = 0;

  constructor(
    private readonly images: TrainingImages,
    private readonly seed: number,
  ) {
    if (images.count < 1) throw new RangeError('the dataset has no images');
    this.imageSize = images.width * images.height * images.channels;
    this.order = new Uint32Array(images.count);
  }

  /** Fills out [rows, imageSize] with the next `rows` images of the shuffled order. */
  fill(out: Float32Array, rows: number): void {
    const { count, pixels } = this.images;
    for (let r = 0; r < rows; r++) {
      const epoch = Math.floor(this.position / count);
      if (epoch !== this.orderEpoch) this.shuffleFor(epoch);
      const index = this.order[this.position % count];
      out.set(pixels.subarray(index * this.imageSize, (index + 1) * this.imageSize), r * this.imageSize);
      this.position += 1;
    }
  }

  private shuffleFor(epoch: number): void {
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    new Rng((this.seed ^ EPOCH_SEED_SALT) + epoch * EPOCH_SEED_STRIDE).shuffle(this.order);
    this.orderEpoch = epoch;
  }
}
