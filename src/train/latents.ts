// Latent vectors drawn from a seed, shared by the CLI and the browser demo so that one
// checkpoint and one seed give the same images in both.

import { Rng } from '../random/rng.js';

/** Returns standard normal latent vectors [count, latentSize] that depend only on `seed`. */
export function sampleLatents(seed: number, count: number, latentSize: number): Float32Array {
  return new Rng(seed).fillNormal(new Float32Array(count * latentSize));
}

/** Images in the fixed sample grid of the CLI and the demo page. */
export const GRID_SAMPLES = 64;
/** Mixed into the seed for the grid latents, so they differ from the training stream. */
const GRID_SEED_SALT = 0x27d4eb2f;

/**
 * Returns latent vectors [GRID_SAMPLES, latentSize] for the grids written in training. They depend
 * only on the run's seed, so grids compare across a run and the page's grid matches the CLI's.
 */
export function gridLatents(seed: number, latentSize: number): Float32Array {
  return new Rng((seed ^ GRID_SEED_SALT) >>> 0).fillNormal(new Float32Array(GRID_SAMPLES * latentSize));
}
