// The Node side of the browser tests: samples and training runs computed in Node from the
// same checkpoint and the same .wasm file the page used, to compare with the page's output.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTsBackend } from '../../../src/backend/ts/index.js';
import type { Backend } from '../../../src/backend/types.js';
import { createWasmBackend } from '../../../src/backend/wasm/index.js';
import { outputRange } from '../../../src/checkpoint/checkpoint.js';
import { renderGrid } from '../../../src/image/png-grid.js';
import { Generator } from '../../../src/nn/networks.js';
import { sampleLatents } from '../../../src/train/latents.js';
import { generateImages, type TrainerSnapshot } from '../../../src/train/trainer.js';
import type { CanvasPixels } from './page-actions.js';

/**
 * Loads the backend the page reported: 'wasm' from the SIMD build that the demo build copied
 * next to the page (Chromium and Node 20 both run SIMD), or 'ts'.
 */
export async function sameBackendAsPage(name: string, demoDir: string): Promise<Backend> {
  if (name === 'ts') return createTsBackend();
  if (name !== 'wasm') throw new Error(`the page reported backend "${name}"; expected wasm or ts`);
  const bytes = new Uint8Array(await readFile(path.join(demoDir, 'pixelgan-simd.wasm')));
  return createWasmBackend(bytes, { build: 'simd' });
}

/** Computes the grid of `pixelgan sample --n count --seed seed` with the library in Node. */
export function nodeSamples(backend: Backend, snapshot: TrainerSnapshot, seed: number, count: number): CanvasPixels {
  const config = snapshot.generatorConfig;
  const generator = new Generator(backend, config);
  try {
    generator.writeParams(snapshot.generatorParams);
    const images = generateImages(generator, sampleLatents(seed, count, config.latentSize), count); // [count, imageSize]
    const grid = renderGrid(images, { count, ...config.image, range: outputRange(config) });
    return { width: grid.width, height: grid.height, rgba: grid.rgba };
  } finally {
    generator.dispose();
  }
}

/** Returns the number of pixels whose RGBA differ, after checking that the sizes match. */
export function differingPixels(a: CanvasPixels, b: CanvasPixels): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`image sizes differ: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  }
  let count = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    if (a.rgba[i] !== b.rgba[i] || a.rgba[i + 1] !== b.rgba[i + 1] || a.rgba[i + 2] !== b.rgba[i + 2] || a.rgba[i + 3] !== b.rgba[i + 3]) count++;
  }
  return count;
}

/**
 * Returns the first index where two arrays differ, or -1 when they are equal. A diff of two
 * arrays of a million floats would take minutes to print, so tests compare with this.
 */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) return i;
  }
  return -1;
}
