// Parameter initialisation matches torch.nn.Linear's default: U(-1/sqrt(in), 1/sqrt(in)).

import { expect, test } from 'vitest';
import { createTsBackend } from '../../src/backend/ts/index.js';
import { Mlp } from '../../src/nn/mlp.js';
import { Rng } from '../../src/random/rng.js';

test('init bounds follow fan-in', () => {
  const net = new Mlp(createTsBackend(), [
    { inputs: 400, outputs: 300, activation: { kind: 'relu' } },
    { inputs: 300, outputs: 4, activation: { kind: 'tanh' } },
  ]);
  net.initialize(new Rng(1));
  for (const [i, inputs] of [[0, 400], [1, 300]] as const) {
    const bound = 1 / Math.sqrt(inputs);
    for (const tensor of Object.values(net.layerViews(net.params, i))) {
      const values = net.backend.read(tensor);
      const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(maxAbs).toBeLessThanOrEqual(bound);
      // Hundreds of uniform values reach close to the bound; a handful are at least not zero.
      expect(maxAbs).toBeGreaterThan(values.length >= 100 ? 0.9 * bound : 0);
    }
  }
});
