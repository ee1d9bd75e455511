// The 2x2 slanted-faces toy: a one-layer G with a sigmoid output against logistic-regression
// D learns to draw faces whose top-left and bottom-right pixels carry the ink.

import { describe, expect, test } from 'vitest';
import { seededRandom, slantedFaces } from '../../src/data/index.js';
import { Rng } from '../../src/random/rng.js';
import { Trainer } from '../../src/train/trainer.js';
import { loadableBackends } from '../helpers/backends.js';

const backends = await loadableBackends();
const TOY_STEPS = 2000;
const SAMPLES = 200;

function trainToy(backend: Trainer['backend']): Trainer {
  const data = slantedFaces(1000, seededRandom(3));
  const trainer = Trainer.create({
    backend,
    data,
    generator: { latentSize: 1, hidden: [] },
    discriminator: { hidden: [] },
    options: { batchSize: 16, lrG: 0.01, lrD: 0.01, seed: 5 },
  });
  for (let i = 0; i < TOY_STEPS; i++) trainer.trainStep();
  return trainer;
}

describe.each(backends.map((b) => [b.name, b] as const))('%s backend', (_name, backend) => {
  test('toy architecture is the classic one', () => {
    const trainer = trainToy(backend);
    expect(trainer.generator.layers).toEqual([{ inputs: 1, outputs: 4, activation: { kind: 'sigmoid' } }]);
    expect(trainer.discriminator.layers).toEqual([{ inputs: 4, outputs: 1, activation: { kind: 'identity' } }]);
  });

  test('toy generator draws slanted faces', () => {
    const trainer = trainToy(backend);
    const images = trainer.generate(new Rng(77).fillNormal(new Float32Array(SAMPLES)), SAMPLES); // [SAMPLES, 4]
    let slanted = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const [topLeft, topRight, bottomLeft, bottomRight] = images.subarray(4 * i, 4 * i + 4);
      if (Math.min(topLeft, bottomRight) > Math.max(topRight, bottomLeft)) slanted += 1;
    }
    // With this seed the untrained G draws the pattern for none of the 200 z; a trained one
    // draws it for nearly all.
    expect(slanted / SAMPLES).toBeGreaterThan(0.9);
    // D ends near its equilibrium of 1/2 on both real and generated faces.
    expect(trainer.metrics.realProbability).toBeGreaterThan(0.3);
    expect(trainer.metrics.realProbability).toBeLessThan(0.7);
  });
});
