// The benchmark's FLOP counts against the products that training really runs: a backend that
// counts 2 * m * n * k for every product it computes, under one Trainer.trainStep() per workload.

import { describe, expect, test } from 'vitest';

import { createTsBackend } from '../../src/backend/ts/index.js';
import type { Backend, DenseShape, MatmulShape, Tensor } from '../../src/backend/types.js';
import { Trainer } from '../../src/train/trainer.js';
import { denseForwardBackwardFlops, matmulFlops, trainingStepFlops } from '../../bench/flops.js';
import { pixelsPerImage, SEED_3072, SEED_768, type Workload } from '../../bench/workloads.js';

/** Wraps `inner` so that every product it computes adds 2 * m * n * k to `flops`. */
function countingBackend(inner: Backend): Backend & { flops: number } {
  const counter = Object.create(inner) as Backend & { flops: number };
  counter.flops = 0;
  counter.matmul = (a: Tensor, b: Tensor, c: Tensor, s: MatmulShape) => {
    counter.flops += matmulFlops(s.m, s.n, s.k);
    inner.matmul(a, b, c, s);
  };
  counter.denseForward = (x, w, b, y, s: DenseShape, act) => {
    counter.flops += matmulFlops(s.rows, s.outputs, s.inputs);
    inner.denseForward(x, w, b, y, s, act);
  };
  counter.denseBackward = (x, w, y, dy, dx, dw, db, s: DenseShape, act, accumulate) => {
    const product = matmulFlops(s.rows, s.outputs, s.inputs);
    counter.flops += (dw === null ? 0 : product) + (dx === null ? 0 : product);
    inner.denseBackward(x, w, y, dy, dx, dw, db, s, act, accumulate);
  };
  return counter;
}

function randomImages(workload: Workload, count: number) {
  const pixels = Float32Array.from({ length: count * pixelsPerImage(workload) }, (_, i) => Math.sin(i) * 0.9);
  return { count, ...workload.image, pixels, range: [-1, 1] as [number, number] };
}

describe.each([SEED_768, SEED_3072])('training step FLOPs of $id', (workload) => {
  test('match the products one trainStep computes', () => {
    const backend = countingBackend(createTsBackend());
    const trainer = Trainer.create({
      backend,
      data: randomImages(workload, workload.batchSize),
      generator: { latentSize: workload.latentSize, hidden: [workload.hidden] },
      discriminator: { hidden: [workload.hidden] },
      options: { batchSize: workload.batchSize },
    });
    backend.flops = 0;
    trainer.trainStep();
    expect(backend.flops).toBe(trainingStepFlops(workload).total);
    trainer.dispose();
  });
});

test('seed-768 step FLOPs by hand', () => {
  // D step: G fwd 64 rows (100->768->768), D fwd 128 rows (768->768->1), D dW on 128 rows,
  // plus dX of D's second layer. G step: G fwd, D fwd on 64 rows, D dX, G dW and dX of its second layer.
  const g = 2 * 64 * (100 * 768 + 768 * 768);
  const dStep = g + 2 * 128 * (768 * 768 + 768) + 2 * 128 * (768 * 768 + 768) + 2 * 128 * 768;
  const gStep = g + 2 * 64 * (768 * 768 + 768) + 2 * 64 * (768 + 768 * 768) + 2 * 64 * (768 * 768 * 2 + 100 * 768);
  expect(trainingStepFlops(SEED_768)).toEqual({ discriminatorStep: dStep, generatorStep: gStep, total: dStep + gStep });
});

test('dense forward and backward counts three products', () => {
  expect(denseForwardBackwardFlops(64, 768, 768)).toBe(3 * 2 * 64 * 768 * 768);
});
