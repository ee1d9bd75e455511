// The native backend: Backend over the Node-API addon. Tensors are Float32Arrays in the
// JavaScript heap, passed to Rust without copying. Every operation is one addon call, and the
// addon checks the numbers, lengths and aliasing.

import { checkSize } from '../checks.js';
import type { RustBackendInfo } from '../rust/info.js';
import { activationArgs, describeValue, requireObject } from '../rust/args.js';
import type { Activation, AdamParams, Backend, DenseShape, MatmulShape, Tensor } from '../types.js';
import type { NativeAddon } from './addon.js';
import { Allocation, NativeTensor, unwrapNative, unwrapOptionalNative } from './tensor.js';

/** The native backend, plus the engine settings of the addon instance it uses. */
export interface NativeBackend extends Backend {
  readonly name: 'native';
  info(): RustBackendInfo;
  /**
   * Switches to a SIMD level from `info().availableLevels`. All native backends of one
   * thread share the addon's engine, so this and `setThreads` apply to all of them.
   */
  setSimdLevel(level: string): void;
  /** Sets the maximum number of threads one call may use, an integer in [1, 1024]. */
  setThreads(threads: number): void;
}

/** Creates a native backend over a loaded addon; `file` is where it was loaded from. */
export function createNativeBackend(addon: NativeAddon, file: string): NativeBackend {
  return new NativeBackendImpl(addon, file);
}

class NativeBackendImpl implements NativeBackend {
  readonly name = 'native';

  constructor(
    private readonly addon: NativeAddon,
    private readonly file: string,
  ) {}

  private data(operation: string, name: string, tensor: Tensor): Float32Array {
    return unwrapNative(this, operation, name, tensor);
  }

  private optional(operation: string, name: string, tensor: Tensor | null): Float32Array | null {
    return unwrapOptionalNative(this, operation, name, tensor);
  }

  describe(): string {
    const { simdLevel, threads } = this.info();
    return `native ${simdLevel}, ${threads} ${threads === 1 ? 'thread' : 'threads'}`;
  }

  info(): RustBackendInfo {
    const { level, availableLevels, threads } = this.addon.info();
    return { backend: 'native', build: 'native', file: this.file, simdLevel: level, availableLevels, threads };
  }

  setSimdLevel(level: string): void {
    this.addon.setSimdLevel(level);
  }

  setThreads(threads: number): void {
    this.addon.setThreads(threads);
  }

  alloc(length: number): Tensor {
    checkSize('alloc: length', length);
    let data: Float32Array;
    try {
      data = new Float32Array(length);
    } catch (error) {
      throw new RangeError(`alloc: cannot allocate a tensor of ${length} elements: ${String(error)}`, { cause: error });
    }
    return new NativeTensor(this, data, new Allocation(), false);
  }

  view(base: Tensor, offset: number, length: number): Tensor {
    const data = this.data('view', 'base', base);
    checkSize('view: offset', offset);
    checkSize('view: length', length);
    if (offset + length > data.length) {
      throw new RangeError(`view: [${offset}, ${offset + length}) is outside the base tensor of ${data.length} elements`);
    }
    const allocation = (base as NativeTensor).allocation;
    return new NativeTensor(this, data.subarray(offset, offset + length), allocation, true);
  }

  write(tensor: Tensor, source: Float32Array): void {
    const target = this.data('write', 'tensor', tensor);
    if (!(source instanceof Float32Array)) {
      throw new TypeError(`write: data must be a Float32Array, got ${describeValue(source)}`);
    }
    if (source.length > target.length) {
      throw new RangeError(`write: data has ${source.length} elements but the tensor has only ${target.length}`);
    }
    target.set(source);
  }

  read(tensor: Tensor, out?: Float32Array): Float32Array {
    const source = this.data('read', 'tensor', tensor);
    if (out !== undefined && !(out instanceof Float32Array)) {
      throw new TypeError(`read: out must be a Float32Array, got ${describeValue(out)}`);
    }
    const result = out ?? new Float32Array(source.length);
    if (result.length < source.length) {
      throw new RangeError(`read: out has ${result.length} elements but the tensor has ${source.length}`);
    }
    result.set(source);
    return result;
  }

  free(tensor: Tensor): void {
    this.data('free', 'tensor', tensor);
    const native = tensor as NativeTensor;
    if (native.isView) return;
    native.allocation.freed = true;
    // Drop this reference so the memory can be collected once no view refers to it.
    native.data = new Float32Array(0);
  }

  matmul(a: Tensor, b: Tensor, c: Tensor, shape: MatmulShape): void {
    const op = 'matmul';
    requireObject(op, 'shape', shape);
    const { m, n, k, transA, transB, alpha, beta } = shape;
    this.addon.matmul(this.data(op, 'A', a), this.data(op, 'B', b), this.data(op, 'C', c), m, n, k, transA, transB, alpha, beta);
  }

  addBias(y: Tensor, bias: Tensor, rows: number, cols: number): void {
    this.addon.addBias(this.data('addBias', 'Y', y), this.data('addBias', 'bias', bias), rows, cols);
  }

  biasGrad(dy: Tensor, db: Tensor, rows: number, cols: number, beta: number): void {
    this.addon.biasGrad(this.data('biasGrad', 'dY', dy), this.data('biasGrad', 'db', db), rows, cols, beta);
  }

  activate(act: Activation, x: Tensor, y: Tensor, n: number): void {
    const [kind, slope] = activationArgs('activate', act);
    this.addon.activate(kind, slope, this.data('activate', 'x', x), this.data('activate', 'y', y), n);
  }

  activateBackward(act: Activation, y: Tensor, dy: Tensor, dx: Tensor, n: number): void {
    const op = 'activateBackward';
    const [kind, slope] = activationArgs(op, act);
    this.addon.activateBackward(kind, slope, this.data(op, 'y', y), this.data(op, 'dy', dy), this.data(op, 'dx', dx), n);
  }

  bceWithLogits(logits: Tensor, targets: Tensor, grad: Tensor, n: number, gradScale: number): number {
    const op = 'bceWithLogits';
    return this.addon.bceWithLogits(
      this.data(op, 'logits', logits),
      this.data(op, 'targets', targets),
      this.data(op, 'grad', grad),
      n,
      gradScale,
    );
  }

  adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, n: number, p: AdamParams): void {
    const op = 'adam';
    requireObject(op, 'params', p);
    const [dp, dg, dm, dv] = [this.data(op, 'param', param), this.data(op, 'grad', grad), this.data(op, 'm', m), this.data(op, 'v', v)];
    this.addon.adam(dp, dg, dm, dv, n, p.lr, p.beta1, p.beta2, p.eps, p.step);
  }

  sgd(param: Tensor, grad: Tensor, velocity: Tensor | null, n: number, lr: number, momentum: number): void {
    const op = 'sgd';
    const vel = this.optional(op, 'velocity', velocity);
    this.addon.sgd(this.data(op, 'param', param), this.data(op, 'grad', grad), vel, n, lr, momentum);
  }

  denseForward(x: Tensor, w: Tensor, b: Tensor, y: Tensor, shape: DenseShape, act: Activation): void {
    const op = 'denseForward';
    requireObject(op, 'shape', shape);
    const [kind, slope] = activationArgs(op, act);
    const [dx, dw, db, dy] = [this.data(op, 'X', x), this.data(op, 'W', w), this.data(op, 'b', b), this.data(op, 'Y', y)];
    this.addon.denseForward(dx, dw, db, dy, shape.rows, shape.inputs, shape.outputs, kind, slope);
  }

  denseBackward(
    x: Tensor,
    w: Tensor,
    y: Tensor,
    dy: Tensor,
    dx: Tensor | null,
    dw: Tensor | null,
    db: Tensor | null,
    shape: DenseShape,
    act: Activation,
    accumulate: boolean,
  ): void {
    const op = 'denseBackward';
    requireObject(op, 'shape', shape);
    const [kind, slope] = activationArgs(op, act);
    const inputs = [this.data(op, 'X', x), this.data(op, 'W', w), this.data(op, 'Y', y), this.data(op, 'dY', dy)] as const;
    const grads = [this.optional(op, 'dX', dx), this.optional(op, 'dW', dw), this.optional(op, 'db', db)] as const;
    this.addon.denseBackward(...inputs, ...grads, shape.rows, shape.inputs, shape.outputs, kind, slope, accumulate);
  }
}
