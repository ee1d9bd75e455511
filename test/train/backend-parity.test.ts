// A 50-step training run on real images gives the same losses on every backend that loads
// here, within a tolerance for float32 rounding differences between the kernels.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadCifar10 } from '../../src/data/index.js';
import { Trainer, type StepMetrics } from '../../src/train/trainer.js';
import { loadableBackends } from '../helpers/backends.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CIFAR = path.resolve(REPO_ROOT, '../shared/data/cifar-10-batches-bin/data_batch_1.bin');
const STEPS = 50;
/**
 * The kernels sum products in different orders, so each step differs by a few float32 ulps
 * (~1e-7 relative), and 50 Adam steps amplify that. Measured drift after 120 steps of the
 * 768-wide default model stayed below 1e-3 relative, so 1e-2 leaves room.
 */
const RELATIVE_TOLERANCE = 1e-2;

function runLosses(backend: Trainer['backend'], data: Awaited<ReturnType<typeof loadCifar10>>): StepMetrics[] {
  const trainer = Trainer.create({ backend, data, generator: { hidden: [256] }, discriminator: { hidden: [256] }, options: { batchSize: 32, seed: 11 } });
  const history: StepMetrics[] = [];
  for (let i = 0; i < STEPS; i++) history.push(trainer.trainStep());
  trainer.dispose();
  return history;
}

test('50 steps on CIFAR-10 agree across backends', async () => {
  const backends = await loadableBackends();
  const data = await loadCifar10(CIFAR, { size: 16 });
  const reference = runLosses(backends.find((b) => b.name === 'ts')!, data);
  for (const backend of backends.filter((b) => b.name !== 'ts')) {
    const losses = runLosses(backend, data);
    for (let i = 0; i < STEPS; i++) {
      for (const key of ['lossD', 'lossG', 'realProbability', 'fakeProbability'] as const) {
        const expected = reference[i][key];
        const actual = losses[i][key];
        expect(Math.abs(actual - expected), `${backend.name} step ${i + 1} ${key}: ${actual} vs ts ${expected}`).toBeLessThanOrEqual(RELATIVE_TOLERANCE * Math.abs(expected));
      }
    }
  }
  // The run really trains: D's loss moves away from its starting value.
  expect(reference[STEPS - 1].lossD).not.toBeCloseTo(reference[0].lossD, 1);
});
