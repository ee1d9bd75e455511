// Checkpoints: N steps, save, load, M more steps gives exactly the weights of N + M steps
// straight through, and a loaded generator draws exactly the images of the saved one.

import { describe, expect, test } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/checkpoint/checkpoint.js';
import type { ImageSet } from '../../src/data/index.js';
import { Rng } from '../../src/random/rng.js';
import { Trainer } from '../../src/train/trainer.js';
import type { TrainOptions } from '../../src/train/options.js';
import { loadableBackends } from '../helpers/backends.js';
import { randomArray } from '../helpers/numeric.js';

const backends = await loadableBackends();

/** 40 random 4x4 RGB "images", enough to cross an epoch boundary with batch 8. */
function smallData(): ImageSet {
  const count = 40;
  return { name: 'random', width: 4, height: 4, channels: 3, count, pixels: randomArray(count * 48, 99), range: [-1, 1], skipped: [] };
}

function makeTrainer(backend: Trainer['backend'], options: Partial<TrainOptions>): Trainer {
  return Trainer.create({ backend, data: smallData(), generator: { latentSize: 8, hidden: [16] }, discriminator: { hidden: [16] }, options: { batchSize: 8, ...options } });
}

function run(trainer: Trainer, steps: number): void {
  for (let i = 0; i < steps; i++) trainer.trainStep();
}

const OPTION_CASES: [string, Partial<TrainOptions>][] = [
  ['adam', {}],
  ['sgd with momentum, 2 D steps', { optimizer: 'sgd', momentum: 0.9, lrG: 0.01, lrD: 0.01, dStepsPerGStep: 2 }],
  ['minimax loss', { generatorLoss: 'minimax' }],
];

describe.each(backends.map((b) => [b.name, b] as const))('%s backend', (_name, backend) => {
  test.each(OPTION_CASES)('resume equals uninterrupted run, %s', (_label, options) => {
    const straight = makeTrainer(backend, options);
    run(straight, 12);

    const first = makeTrainer(backend, options);
    run(first, 7);
    const bytes = encodeCheckpoint(first.snapshot());
    const resumed = Trainer.restore(backend, smallData(), decodeCheckpoint(bytes));
    run(resumed, 5);

    expect(resumed.step).toBe(12);
    expect(resumed.generator.readParams()).toEqual(straight.generator.readParams());
    expect(resumed.discriminator.readParams()).toEqual(straight.discriminator.readParams());
    expect(resumed.metrics).toEqual(straight.metrics);
  });

  test('same seed gives the same run', () => {
    const a = makeTrainer(backend, { seed: 3 });
    const b = makeTrainer(backend, { seed: 3 });
    const c = makeTrainer(backend, { seed: 4 });
    for (const t of [a, b, c]) run(t, 3);
    expect(a.generator.readParams()).toEqual(b.generator.readParams());
    expect(a.generator.readParams()).not.toEqual(c.generator.readParams());
  });

  test('loaded checkpoint generates identical images', () => {
    const trainer = makeTrainer(backend, {});
    run(trainer, 4);
    const z = new Rng(5).fillNormal(new Float32Array(10 * 8));
    const before = trainer.generate(z, 10);
    const loaded = Trainer.restore(backend, smallData(), decodeCheckpoint(encodeCheckpoint(trainer.snapshot())));
    expect(loaded.generate(z, 10)).toEqual(before);
  });
});
