// Real training images for the workloads: the bundled emoji at 16x16 for seed-768, and
// CIFAR-10 at 32x32 for seed-3072 when a copy is found (else the emoji at 32x32).
// The pixel values do not change the arithmetic, so any real set gives the same timings.

import { existsSync } from 'node:fs';
import path from 'node:path';

import { loadDataset } from '../src/data/index.js';
import { findPackageRoot } from '../src/backend/rust/package-root.js';
import type { TrainingImages } from '../src/train/batch-sampler.js';
import type { Workload } from './workloads.js';

/** Environment variable naming a CIFAR-10 binary folder or .bin file for seed-3072. */
export const CIFAR_ENV_VAR = 'PIXELGAN_BENCH_CIFAR';

/** Side of a CIFAR-10 image in pixels. Workloads of this size use CIFAR-10 when it is found. */
const CIFAR_SIDE = 32;

export interface WorkloadImages {
  images: TrainingImages;
  /** Source of the images and their size, for the results file. */
  source: string;
}

/** Returns the CIFAR-10 folder to try: $PIXELGAN_BENCH_CIFAR, else ../shared/data next to the package. */
function cifarPath(env: Record<string, string | undefined>): string {
  const fromEnv = env[CIFAR_ENV_VAR];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return fromEnv;
  return path.join(findPackageRoot(import.meta.url), '..', 'shared', 'data', 'cifar-10-batches-bin');
}

/**
 * Loads images of the workload's size. A CIFAR-10 path set in the environment must load, but
 * without one, seed-3072 uses the bundled emoji when the default folder does not exist.
 */
export async function loadWorkloadImages(workload: Workload, env: Record<string, string | undefined> = process.env): Promise<WorkloadImages> {
  const size = workload.image.width;
  if (size === CIFAR_SIDE) {
    const cifar = cifarPath(env);
    if (env[CIFAR_ENV_VAR] !== undefined || existsSync(cifar)) {
      try {
        const set = await loadDataset(cifar, { size });
        return { images: set, source: `${set.name} at ${size}x${size}` };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`cannot load CIFAR-10 for ${workload.id} from ${cifar}: ${message}. Set ${CIFAR_ENV_VAR} to a CIFAR-10 binary folder, or unset it to use the bundled emoji.`, { cause: error });
      }
    }
  }
  const set = await loadDataset(undefined, { size });
  return { images: set, source: `${set.name} at ${size}x${size}` };
}
