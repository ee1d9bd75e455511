// Floating-point operation counts of the benchmark cases.
//
// Only matrix products are counted, each as 2 * m * n * k (one multiply and one add per term),
// the usual convention for GFLOP/s. Bias additions, activations, the loss and the optimizer are
// element-wise and left out. The largest of them, Adam at roughly 10 operations per parameter,
// would add an estimated 2% to a training step of either workload.

import { workloadLayers, type Workload } from './workloads.js';
import type { LayerSpec } from '../src/nn/mlp.js';

/** FLOPs of one product of op(A) [m, k] and op(B) [k, n]. */
export function matmulFlops(m: number, n: number, k: number): number {
  return 2 * m * n * k;
}

/** FLOPs of a dense layer's forward (X W^T) plus its backward (dW = dZ^T X and dX = dZ W). */
export function denseForwardBackwardFlops(rows: number, inputs: number, outputs: number): number {
  return 3 * matmulFlops(rows, outputs, inputs);
}

function forwardFlops(layers: readonly LayerSpec[], rows: number): number {
  return layers.reduce((sum, layer) => sum + matmulFlops(rows, layer.outputs, layer.inputs), 0);
}

/**
 * FLOPs of `Mlp.backward`: every layer computes dW when `paramGrads` is set, and dX except
 * for the first layer, which computes dX only when the caller asks for the input gradient.
 */
function backwardFlops(layers: readonly LayerSpec[], rows: number, paramGrads: boolean, inputGrad: boolean): number {
  let sum = 0;
  layers.forEach((layer, i) => {
    const product = matmulFlops(rows, layer.outputs, layer.inputs);
    if (paramGrads) sum += product;
    if (i > 0 || inputGrad) sum += product;
  });
  return sum;
}

export interface TrainingStepFlops {
  /** G forward on a batch, D forward and backward (dW only) on the real and generated batch. */
  discriminatorStep: number;
  /** G forward, D forward and backward (dX only), G backward (dW) on one batch. */
  generatorStep: number;
  /** One `Trainer.trainStep()` with one D step per G step. */
  total: number;
}

/** Counts the products of one `Trainer.trainStep()`, as `GanGradients` calls them. */
export function trainingStepFlops(workload: Workload): TrainingStepFlops {
  const { generator, discriminator } = workloadLayers(workload);
  const batch = workload.batchSize;

  // D step: G(z) [batch, image], then D on [2 * batch, image] (real rows, then generated).
  const discriminatorStep =
    forwardFlops(generator, batch) +
    forwardFlops(discriminator, 2 * batch) +
    backwardFlops(discriminator, 2 * batch, true, false);

  // G step: D(G(z)) on [batch, image], gradient back through D into G's parameters.
  const generatorStep =
    forwardFlops(generator, batch) +
    forwardFlops(discriminator, batch) +
    backwardFlops(discriminator, batch, false, true) +
    backwardFlops(generator, batch, true, false);

  return { discriminatorStep, generatorStep, total: discriminatorStep + generatorStep };
}
