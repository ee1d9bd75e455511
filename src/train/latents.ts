// Latent vectors drawn from a seed, shared by the CLI and the browser demo so that one
// checkpoint and one seed give the same images in both.

import { Rng } from '../random/rng.js';

/** Standard normal latent vectors [count, latentSize] that depend only on `seed`. */
export function sampleLatents(seed: number, count: number, latentSize: number): Float32Array {
  return new Rng(seed).fillNormal(new Float32Array(count * latentSize));
}
