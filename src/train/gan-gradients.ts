// The two GAN losses and their gradients, with the other network held fixed.
//
// D loss: BCE(D(x), 1) + BCE(D(G(z)), 0), each term a mean over the batch.
// G loss: -log D(G(z)) (non-saturating) or log(1 - D(G(z))) (minimax), a mean over the batch.
// With D(.) = sigmoid(logit), -log D = BCE(logit, 1) and log(1 - D) = -BCE(logit, 0).
//
// Nothing here updates weights; `Trainer` applies the optimizers. Each call crosses into the
// backend a fixed number of times, independent of the batch size and the layer widths.

import type { Backend, Tensor } from '../backend/types.js';
import { imageSize } from '../nn/architecture.js';
import type { Discriminator, Generator } from '../nn/networks.js';
import type { GeneratorLoss } from './options.js';

export interface DiscriminatorResult {
  /** BCE(D(x), 1) + BCE(D(G(z)), 0). */
  loss: number;
  /** Mean D(x) over the real images. */
  realProbability: number;
  /** Mean D(G(z)) over the generated images. */
  fakeProbability: number;
}

export interface GeneratorResult {
  /** -log D(G(z)) or log(1 - D(G(z))), by the configured loss. */
  loss: number;
  /** Mean D(G(z)) as D saw the batch that G was trained on. */
  fakeProbability: number;
}

export class GanGradients {
  private readonly batch: number;
  private readonly pixels: number;
  /** z [batch, latentSize]. */
  private readonly latent: Tensor;
  /** D's input [2 * batch, imageSize]: real images in rows 0..batch, generated ones after. */
  private readonly discriminatorInput: Tensor;
  /** BCE targets [2 * batch]: 1 for the real rows, then 0 for the generated ones. */
  private readonly discriminatorTargets: Tensor;
  /** BCE targets [batch] for G's loss: 1 for non-saturating, 0 for minimax. */
  private readonly generatorTargets: Tensor;
  private readonly logitsHost: Float32Array;

  constructor(
    private readonly backend: Backend,
    private readonly generator: Generator,
    private readonly discriminator: Discriminator,
    batchSize: number,
    private readonly generatorLoss: GeneratorLoss,
  ) {
    this.batch = batchSize;
    this.pixels = imageSize(generator.config.image);
    this.latent = backend.alloc(batchSize * generator.config.latentSize);
    this.discriminatorInput = backend.alloc(2 * batchSize * this.pixels);
    this.discriminatorTargets = backend.alloc(2 * batchSize);
    this.generatorTargets = backend.alloc(batchSize);
    this.logitsHost = new Float32Array(2 * batchSize);

    const targets = new Float32Array(2 * batchSize);
    targets.fill(1, 0, batchSize);
    backend.write(this.discriminatorTargets, targets);
    backend.write(this.generatorTargets, new Float32Array(batchSize).fill(generatorLoss === 'non-saturating' ? 1 : 0));
  }

  /**
   * Writes dLoss_D/dparams into D's gradient tensor, for real images [batch, imageSize] and
   * latent vectors z [batch, latentSize] given on the host. G is only run forward.
   */
  discriminatorGradients(real: Float32Array, z: Float32Array): DiscriminatorResult {
    const { backend, batch } = this;
    const rows = 2 * batch;
    backend.write(this.discriminatorInput, real); // rows 0..batch
    backend.write(this.latent, z);
    const fakeRows = backend.view(this.discriminatorInput, batch * this.pixels, batch * this.pixels);
    this.generator.forward(this.latent, batch, fakeRows); // [batch, imageSize] into rows batch..2*batch

    const logits = this.discriminator.forward(this.discriminatorInput, rows); // [2 * batch, 1]
    // The mean over 2 * batch rows is half of the sum of the two per-half means, hence the 2s.
    const halfLoss = backend.bceWithLogits(logits, this.discriminatorTargets, this.discriminator.outputGradient(rows), rows, 2);
    this.discriminator.backward({ paramGrads: true, accumulate: false, inputGrad: null });

    backend.read(logits, this.logitsHost);
    return {
      loss: 2 * halfLoss,
      realProbability: meanSigmoid(this.logitsHost, 0, batch),
      fakeProbability: meanSigmoid(this.logitsHost, batch, rows),
    };
  }

  /**
   * Writes dLoss_G/dparams into G's gradient tensor for latent vectors z [batch, latentSize].
   * The gradient flows through D, whose weights and weight gradients are left unchanged.
   */
  generatorGradients(z: Float32Array): GeneratorResult {
    const { backend, batch } = this;
    backend.write(this.latent, z);
    const fakeRows = backend.view(this.discriminatorInput, 0, batch * this.pixels);
    this.generator.forward(this.latent, batch, fakeRows); // [batch, imageSize]
    const logits = this.discriminator.forward(fakeRows, batch); // [batch, 1]

    const nonSaturating = this.generatorLoss === 'non-saturating';
    const bce = backend.bceWithLogits(logits, this.generatorTargets, this.discriminator.outputGradient(batch), batch, nonSaturating ? 1 : -1);
    const imageGradient = this.generator.outputGradient(batch); // dLoss_G/dG(z) [batch, imageSize]
    this.discriminator.backward({ paramGrads: false, accumulate: false, inputGrad: imageGradient });
    this.generator.backward({ paramGrads: true, accumulate: false, inputGrad: null });

    backend.read(logits, this.logitsHost.subarray(0, batch));
    return { loss: nonSaturating ? bce : -bce, fakeProbability: meanSigmoid(this.logitsHost, 0, batch) };
  }

  dispose(): void {
    for (const t of [this.latent, this.discriminatorInput, this.discriminatorTargets, this.generatorTargets]) this.backend.free(t);
  }
}

function meanSigmoid(logits: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += 1 / (1 + Math.exp(-logits[i]));
  return sum / (end - start);
}
