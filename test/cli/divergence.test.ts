// The training loop stops on divergence without overwriting the last good checkpoint, even
// when the weights turn NaN before any loss does.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { createTsBackend } from '../../src/backend/ts/index.js';
import type { Backend } from '../../src/backend/types.js';
import { readCheckpointFile } from '../../src/checkpoint/checkpoint-file.js';
import { RunFolder } from '../../src/cli/run-folder.js';
import { runTrainingLoop } from '../../src/cli/train-loop.js';
import { Trainer } from '../../src/train/trainer.js';
import { randomArray } from '../helpers/numeric.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Returns a ts backend whose Adam update writes NaN into the parameters from call `poisonFrom` on. */
function poisonedBackend(poisonFrom: number): Backend {
  const backend = createTsBackend();
  let calls = 0;
  const adam = backend.adam.bind(backend);
  backend.adam = (param, grad, m, v, n, p) => {
    adam(param, grad, m, v, n, p);
    calls += 1;
    if (calls >= poisonFrom) backend.write(param, new Float32Array(n).fill(NaN));
  };
  return backend;
}

test('NaN weights keep last checkpoint', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const dir = await mkdtemp(path.join(tmpdir(), 'pixelgan-diverge-'));
  const data = { count: 8, width: 2, height: 2, channels: 3 as const, pixels: randomArray(96, 1), range: [-1, 1] as [number, number] };
  // Each step makes two Adam calls (D, then G). The 6th call is step 3's G update, so G's
  // weights are NaN when step 3's checkpoint is due, before any loss has shown it.
  const trainer = Trainer.create({ backend: poisonedBackend(6), data, generator: { latentSize: 2, hidden: [4] }, discriminator: { hidden: [4] }, options: { batchSize: 4 } });
  const folder = await RunFolder.open(dir);

  const status = await runTrainingLoop({ trainer, folder, steps: 10, dataset: 'test', checkpointEvery: 1, sampleEvery: 100, hadCheckpoint: false });

  expect(status).toBe(1);
  const saved = await readCheckpointFile(folder.checkpointPath);
  expect(saved.step).toBe(2);
  expect(errors.join('\n')).toMatch(/training diverged/);
  expect(errors.join('\n')).toMatch(/last good checkpoint is .*checkpoint\.safetensors \(step 2\); continue with lower learning rates: pixelgan train --resume .* --lr-g 0\.0001 --lr-d 0\.0001/);
});

test('divergence before any checkpoint says so', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const dir = await mkdtemp(path.join(tmpdir(), 'pixelgan-diverge-'));
  const data = { count: 8, width: 2, height: 2, channels: 3 as const, pixels: randomArray(96, 1), range: [-1, 1] as [number, number] };
  const trainer = Trainer.create({ backend: poisonedBackend(1), data, generator: { latentSize: 2, hidden: [4] }, discriminator: { hidden: [4] }, options: { batchSize: 4 } });
  const folder = await RunFolder.open(dir);

  const status = await runTrainingLoop({ trainer, folder, steps: 10, dataset: 'test', checkpointEvery: 5, sampleEvery: 100, hadCheckpoint: false });

  expect(status).toBe(1);
  expect(await folder.hasCheckpoint()).toBe(false);
  expect(errors.join('\n')).toMatch(/no checkpoint was written before it diverged/);
});
