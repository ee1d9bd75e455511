// Views of the generator for the page: the grid from fixed latent vectors, the latent walk
// between two latent vectors, and the seeded samples that `pixelgan sample` reproduces.

import { outputRange, renderGrid, Rng, sampleLatents, type GridOptions, type Trainer } from '../../src/browser/index.js';
import type { PageImage } from '../protocol.js';

/** Mixed into the seed for the latent walk's end points, so they differ from the grid's. */
const WALK_SEED_SALT = 0x165667b1;
/** Images in the strip under the walk slider, from one end point to the other. */
export const WALK_FRAMES = 9;
/** Grey border between the images of the walk strip, in pixels. */
const STRIP_PADDING_PX = 2;
/** Width in pixels that the large walk image is scaled up to, at least. */
const WALK_IMAGE_WIDTH_PX = 192;
/** Below this angle in radians, spherical interpolation falls back to linear. */
const MIN_SLERP_ANGLE = 1e-6;


/** Layout of a rendered grid; each field left out takes renderGrid's default, as `pixelgan sample` uses. */
type Layout = Pick<GridOptions, 'columns' | 'scale' | 'padding'>;

/** Generates `count` images from z [count, latentSize] and tiles them as `pixelgan sample` does. */
export function renderSamples(trainer: Trainer, z: Float32Array, count: number, layout: Layout = {}): PageImage {
  const config = trainer.generator.config;
  const images = trainer.generate(z, count); // [count, imageSize]
  return renderGrid(images, { count, ...config.image, range: outputRange(config), ...layout });
}

/** Renders the grid that `pixelgan sample --n count --seed seed` writes for the same model. */
export function renderSeededSamples(trainer: Trainer, seed: number, count: number): PageImage {
  return renderSamples(trainer, sampleLatents(seed, count, trainer.generator.config.latentSize), count);
}

/** Interpolates spherically between latent vectors a and b at t in [0, 1], which keeps the norm typical of Gaussian latents. */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  const cosine = Math.min(1, Math.max(-1, dot / Math.sqrt(normA * normB)));
  const angle = Math.acos(cosine);
  const out = new Float32Array(a.length);
  if (angle < MIN_SLERP_ANGLE) {
    for (let i = 0; i < a.length; i++) out[i] = (1 - t) * a[i] + t * b[i];
    return out;
  }
  const weightA = Math.sin((1 - t) * angle) / Math.sin(angle);
  const weightB = Math.sin(t * angle) / Math.sin(angle);
  for (let i = 0; i < a.length; i++) out[i] = weightA * a[i] + weightB * b[i];
  return out;
}

/** End points of the latent walk. `next()` picks a new pair for the same seed. */
export class LatentWalk {
  private pair = 0;
  private ends: [Float32Array, Float32Array] | null = null;
  position = 0.5;

  constructor(private seed: number) {}

  /** Picks a new pair of end points. */
  next(): void {
    this.pair += 1;
    this.ends = null;
  }

  reset(seed: number): void {
    this.seed = seed;
    this.pair = 0;
    this.ends = null;
  }

  /** Renders the image at `position` and the strip of WALK_FRAMES images along the walk. */
  render(trainer: Trainer): { image: PageImage; strip: PageImage } {
    const latentSize = trainer.generator.config.latentSize;
    if (this.ends === null || this.ends[0].length !== latentSize) {
      const rng = new Rng((this.seed ^ WALK_SEED_SALT) + this.pair);
      this.ends = [rng.fillNormal(new Float32Array(latentSize)), rng.fillNormal(new Float32Array(latentSize))];
    }
    const [a, b] = this.ends;
    const width = trainer.generator.config.image.width;
    const scale = Math.max(1, Math.ceil(WALK_IMAGE_WIDTH_PX / width));
    const image = renderSamples(trainer, slerp(a, b, this.position), 1, { columns: 1, scale, padding: 0 });
    const frames = new Float32Array(WALK_FRAMES * latentSize); // [WALK_FRAMES, latentSize]
    for (let i = 0; i < WALK_FRAMES; i++) frames.set(slerp(a, b, i / (WALK_FRAMES - 1)), i * latentSize);
    return { image, strip: renderSamples(trainer, frames, WALK_FRAMES, { columns: WALK_FRAMES, padding: STRIP_PADDING_PX }) };
  }
}
