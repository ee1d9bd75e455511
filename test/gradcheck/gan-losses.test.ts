// Finite-difference checks of the full GAN losses: dLoss_D/d(D's parameters) and
// dLoss_G/d(G's parameters), through every layer, on every backend that loads here.

import { describe, expect, test } from 'vitest';
import type { Backend } from '../../src/backend/types.js';
import { defaultDiscriminatorConfig, defaultGeneratorConfig, type ImageShape } from '../../src/nn/architecture.js';
import { createDiscriminator, createGenerator } from '../../src/nn/networks.js';
import { Rng } from '../../src/random/rng.js';
import { GanGradients } from '../../src/train/gan-gradients.js';
import type { GeneratorLoss } from '../../src/train/options.js';
import { loadableBackends } from '../helpers/backends.js';
import { centralDifference, expectClose, randomArray } from '../helpers/numeric.js';

/** See ops.test.ts for how step and tolerances follow from float32 rounding. */
const STEP = 1e-2;
const RTOL = 3e-2;
const ATOL = 3e-3;
const BATCH = 3;
const IMAGE: ImageShape = { width: 2, height: 2, channels: 3 };

const backends = await loadableBackends();

function buildPair(backend: Backend, generatorLoss: GeneratorLoss) {
  const rng = new Rng(42);
  // tanh hidden layers keep the loss smooth, so central differences never straddle a kink.
  const hiddenActivation = { kind: 'tanh' } as const;
  const g = createGenerator(backend, defaultGeneratorConfig(IMAGE, { latentSize: 3, hidden: [5], hiddenActivation }), rng);
  const d = createDiscriminator(backend, defaultDiscriminatorConfig(IMAGE, { hidden: [6], hiddenActivation }), rng);
  const gradients = new GanGradients(backend, g, d, BATCH, generatorLoss);
  const real = randomArray(BATCH * 12, 7);
  const z = randomArray(BATCH * 3, 8, 2);
  return { g, d, gradients, real, z };
}

describe.each(backends.map((b) => [b.name, b] as const))('%s backend GAN losses', (_name, backend) => {
  test('D loss gradient', () => {
    const { d, gradients, real, z } = buildPair(backend, 'non-saturating');
    const params = d.readParams();
    const lossAt = (): number => {
      d.writeParams(params);
      return gradients.discriminatorGradients(real, z).loss;
    };
    lossAt();
    const analytic = backend.read(d.grads);
    const numeric = params.map((_, i) => centralDifference(params, i, STEP, lossAt));
    expect(analytic.some((v) => v !== 0)).toBe(true);
    expectClose(analytic, numeric, RTOL, ATOL, 'dLoss_D/dparams');
  });

  test.each(['non-saturating', 'minimax'] as const)('G loss gradient, %s', (generatorLoss) => {
    const { g, d, gradients, z } = buildPair(backend, generatorLoss);
    const dBefore = d.readParams();
    const params = g.readParams();
    const lossAt = (): number => {
      g.writeParams(params);
      return gradients.generatorGradients(z).loss;
    };
    lossAt();
    const analytic = backend.read(g.grads);
    const numeric = params.map((_, i) => centralDifference(params, i, STEP, lossAt));
    expect(analytic.some((v) => v !== 0)).toBe(true);
    expectClose(analytic, numeric, RTOL, ATOL, 'dLoss_G/dparams');
    // D is held fixed during G's step.
    expect(d.readParams()).toEqual(dBefore);
  });

  test('losses match their definitions', () => {
    const { g, d, gradients, real, z } = buildPair(backend, 'non-saturating');
    const result = gradients.discriminatorGradients(real, z);
    // Recompute on the host from D's outputs: BCE(D(x), 1) + BCE(D(G(z)), 0).
    const realLogits = backend.read(d.logits(upload(backend, real), BATCH));
    const fakeImages = backend.read(g.generate(upload(backend, z), BATCH));
    const fakeLogits = backend.read(d.logits(upload(backend, fakeImages), BATCH));
    const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));
    const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
    const expected = mean([...realLogits].map((l) => -Math.log(sigmoid(l)))) + mean([...fakeLogits].map((l) => -Math.log(1 - sigmoid(l))));
    expect(result.loss).toBeCloseTo(expected, 4);
    expect(result.realProbability).toBeCloseTo(mean([...realLogits].map(sigmoid)), 5);
    expect(result.fakeProbability).toBeCloseTo(mean([...fakeLogits].map(sigmoid)), 5);
  });
});

function upload(backend: Backend, values: Float32Array) {
  const t = backend.alloc(values.length);
  backend.write(t, values);
  return t;
}
