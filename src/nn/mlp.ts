// A fully connected network: a stack of dense layers whose parameters live in one flat tensor.
//
// Parameter layout, for layer i with W_i [outputs_i, inputs_i] and b_i [outputs_i]:
//   params = [W_0, b_0, W_1, b_1, ...]
// The gradient tensor has the same layout, so one optimizer call updates the whole network.

import type { Activation, Backend, Tensor } from '../backend/types.js';
import type { Rng } from '../random/rng.js';
import { initLayerParams } from './init.js';

export interface LayerSpec {
  inputs: number;
  outputs: number;
  activation: Activation;
}

/** Offsets of one layer's weight and bias inside the flat parameter tensor. */
interface LayerSlots {
  weightOffset: number;
  biasOffset: number;
}

/** Per-layer working memory for a batch of up to `rows` rows. */
interface Workspace {
  rows: number;
  /** outputs[i] is layer i's output [rows, outputs_i]. */
  outputs: Tensor[];
  /** gradients[i] is dL/d(output of layer i) [rows, outputs_i]; it is overwritten by backward. */
  gradients: Tensor[];
}

export class Mlp {
  readonly paramCount: number;
  /** All weights and biases, laid out as described at the top of this file. */
  readonly params: Tensor;
  /** Gradients with the same layout as `params`. */
  readonly grads: Tensor;
  private readonly slots: LayerSlots[];
  private workspace: Workspace = { rows: 0, outputs: [], gradients: [] };
  private lastInput: Tensor | null = null;
  private lastOutput: Tensor | null = null;
  private lastRows = 0;

  constructor(
    readonly backend: Backend,
    readonly layers: readonly LayerSpec[],
  ) {
    if (layers.length === 0) throw new RangeError('a network needs at least one layer');
    this.slots = [];
    let offset = 0;
    for (const layer of layers) {
      this.slots.push({ weightOffset: offset, biasOffset: offset + layer.outputs * layer.inputs });
      offset += layer.outputs * (layer.inputs + 1);
    }
    this.paramCount = offset;
    this.params = backend.alloc(offset);
    this.grads = backend.alloc(offset);
  }

  get inputSize(): number {
    return this.layers[0].inputs;
  }

  get outputSize(): number {
    return this.layers[this.layers.length - 1].outputs;
  }

  /** Fills every weight and bias from `rng` as `initLayerParams` describes. */
  initialize(rng: Rng): void {
    const values = new Float32Array(this.paramCount);
    this.layers.forEach((layer, i) => {
      const { weightOffset, biasOffset } = this.slots[i];
      initLayerParams(values.subarray(weightOffset, biasOffset + layer.outputs), layer.inputs, rng);
    });
    this.backend.write(this.params, values);
  }

  /** Views of layer i's weight [outputs, inputs] and bias [outputs] in `source` (params or grads). */
  layerViews(source: Tensor, i: number): { weight: Tensor; bias: Tensor } {
    const { weightOffset, biasOffset } = this.slots[i];
    const { outputs } = this.layers[i];
    return {
      weight: this.backend.view(source, weightOffset, biasOffset - weightOffset),
      bias: this.backend.view(source, biasOffset, outputs),
    };
  }

  /**
   * Runs the network on x [rows, inputSize] and returns the output [rows, outputSize].
   * The output goes into `into` when given (it must not be x), otherwise into this network's
   * working memory, where it is valid until the next forward.
   */
  forward(x: Tensor, rows: number, into?: Tensor): Tensor {
    this.reserve(rows);
    const last = this.layers.length - 1;
    let input = x;
    this.layers.forEach((layer, i) => {
      const { weight, bias } = this.layerViews(this.params, i);
      const output = i === last && into !== undefined ? into : this.rowsView(this.workspace.outputs[i], rows * layer.outputs);
      this.backend.denseForward(input, weight, bias, output, { rows, inputs: layer.inputs, outputs: layer.outputs }, layer.activation);
      input = output;
    });
    this.lastInput = x;
    this.lastOutput = input;
    this.lastRows = rows;
    return input;
  }

  /**
   * Back-propagates dL/d(output), which must be in `outputGradient()` for the rows of the
   * last forward. Writes parameter gradients into `grads` when `paramGrads` is true (adding
   * to them with `accumulate`), and dL/dx into `inputGrad` when it is given.
   */
  backward(options: { paramGrads: boolean; accumulate: boolean; inputGrad: Tensor | null }): void {
    const rows = this.lastRows;
    if (this.lastInput === null || this.lastOutput === null) throw new Error('backward called before forward');
    const last = this.layers.length - 1;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      const shape = { rows, inputs: layer.inputs, outputs: layer.outputs };
      const input = i === 0 ? this.lastInput : this.rowsView(this.workspace.outputs[i - 1], rows * layer.inputs);
      const output = i === last ? this.lastOutput : this.rowsView(this.workspace.outputs[i], rows * layer.outputs);
      const gradOut = this.rowsView(this.workspace.gradients[i], rows * layer.outputs);
      const gradIn = i === 0 ? options.inputGrad : this.rowsView(this.workspace.gradients[i - 1], rows * layer.inputs);
      const { weight } = this.layerViews(this.params, i);
      const paramGrads = options.paramGrads ? this.layerViews(this.grads, i) : null;
      this.backend.denseBackward(
        input, weight, output, gradOut, gradIn,
        paramGrads?.weight ?? null, paramGrads?.bias ?? null,
        shape, layer.activation, options.accumulate,
      );
    }
  }

  /** Returns the tensor [rows, outputSize] that `backward` reads dL/d(output) from. */
  outputGradient(rows: number): Tensor {
    this.reserve(rows);
    return this.rowsView(this.workspace.gradients[this.layers.length - 1], rows * this.outputSize);
  }

  /** Reads all parameters out, in the flat layout. */
  readParams(): Float32Array {
    return this.backend.read(this.params);
  }

  writeParams(values: Float32Array): void {
    if (values.length !== this.paramCount) {
      throw new RangeError(`expected ${this.paramCount} parameters, got ${values.length}`);
    }
    this.backend.write(this.params, values);
  }

  /** Frees every tensor this network allocated. */
  dispose(): void {
    this.freeWorkspace();
    this.backend.free(this.params);
    this.backend.free(this.grads);
  }

  private rowsView(t: Tensor, length: number): Tensor {
    return length === t.length ? t : this.backend.view(t, 0, length);
  }

  /** Grows the working memory to hold at least `rows` rows; it never shrinks. */
  private reserve(rows: number): void {
    if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`batch rows must be a positive integer, got ${rows}`);
    if (rows <= this.workspace.rows) return;
    this.freeWorkspace();
    this.workspace = {
      rows,
      outputs: this.layers.map((l) => this.backend.alloc(rows * l.outputs)),
      gradients: this.layers.map((l) => this.backend.alloc(rows * l.outputs)),
    };
  }

  private freeWorkspace(): void {
    for (const t of [...this.workspace.outputs, ...this.workspace.gradients]) this.backend.free(t);
    this.workspace = { rows: 0, outputs: [], gradients: [] };
  }
}
