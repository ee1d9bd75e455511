// The WASM backend: Backend over the WASM module. Tensors live in the module's linear memory
// and are named by handle. Every operation is one call into the module, which checks
// handles, ranges, numbers, lengths and aliasing. Browser-safe: no Node imports.

import { checkSize } from '../checks.js';
import { activationArgs, describeValue, requireBoolean, requireNumber, requireObject } from '../rust/args.js';
import type { RustBackendInfo } from '../rust/info.js';
import type { Activation, AdamParams, Backend, DenseShape, MatmulShape, Tensor } from '../types.js';
import { ACTIVATION_KINDS, SIMD_LEVEL_NAMES } from './exports.js';
import type { WasmKernels } from './kernels.js';
import { optionalTensorArgs, tensorArgs, WasmAllocation, WasmTensor, type TensorArgs } from './tensor.js';

/** The WASM backend, plus the engine settings of its module instance. */
export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  info(): RustBackendInfo;
  /** Switches to a SIMD level from `info().availableLevels`: "scalar", or "simd128" in the SIMD build. */
  setSimdLevel(level: string): void;
  /** Accepts only 1, because the module runs on one thread. */
  setThreads(threads: number): void;
  /** Number of allocated tensors not yet freed. */
  liveTensors(): number;
}

/** Build that a backend runs and the file it came from, for `info()`. */
export interface WasmBuild {
  /** 'wasm-simd', 'wasm-scalar', or 'wasm-custom' for bytes whose build is unknown. */
  build: string;
  file?: string;
}

/** Creates a backend over an instantiated module. */
export function createWasmBackendFromKernels(kernels: WasmKernels, build: WasmBuild): WasmBackend {
  return new WasmBackendImpl(kernels, build);
}

/** Returns the module's code for the activation kind, with its slope. */
function activationCode(operation: string, act: Activation): [code: number, slope: number] {
  const [kind, slope] = activationArgs(operation, act);
  const code = ACTIVATION_KINDS.indexOf(kind as (typeof ACTIVATION_KINDS)[number]);
  if (code < 0) {
    throw new RangeError(`${operation}: activation kind must be one of ${ACTIVATION_KINDS.join(', ')}, got "${kind}"`);
  }
  return [code, slope];
}

class WasmBackendImpl implements WasmBackend {
  readonly name = 'wasm';

  constructor(
    private readonly kernels: WasmKernels,
    private readonly build: WasmBuild,
  ) {}

  private locate(operation: string, name: string, tensor: Tensor): TensorArgs {
    return tensorArgs(this, operation, name, tensor);
  }

  private optional(operation: string, name: string, tensor: Tensor | null): TensorArgs {
    return optionalTensorArgs(this, operation, name, tensor);
  }

  /** Checks that each value is a number and returns them, for passing to the module. */
  private numbers(operation: string, values: Record<string, unknown>): number[] {
    return Object.entries(values).map(([name, value]) => requireNumber(operation, name, value));
  }

  describe(): string {
    const { build, simdLevel } = this.info();
    const buildLabels: Record<string, string> = { 'wasm-simd': 'SIMD', 'wasm-scalar': 'scalar' };
    return `wasm ${buildLabels[build] ?? 'custom'} build, ${simdLevel}, 1 thread`;
  }

  info(): RustBackendInfo {
    this.kernels.call('info', (e) => e.pg_info());
    const parsed = JSON.parse(this.kernels.message()) as { level: string; availableLevels: string[]; threads: number };
    return { backend: 'wasm', ...this.build, simdLevel: parsed.level, availableLevels: parsed.availableLevels, threads: parsed.threads };
  }

  setSimdLevel(level: string): void {
    const code = SIMD_LEVEL_NAMES.indexOf(level as (typeof SIMD_LEVEL_NAMES)[number]);
    if (code < 0) {
      throw new RangeError(`setSimdLevel: SIMD level must be one of ${SIMD_LEVEL_NAMES.join(', ')}, got ${JSON.stringify(level)}`);
    }
    this.kernels.call('setSimdLevel', (e) => e.pg_set_level(code));
  }

  setThreads(threads: number): void {
    const [count] = this.numbers('setThreads', { threads });
    this.kernels.call('setThreads', (e) => e.pg_set_threads(count));
  }

  liveTensors(): number {
    return this.kernels.exports.pg_live_tensors();
  }

  alloc(length: number): Tensor {
    const [count] = this.numbers('alloc', { length });
    const handle = this.kernels.call('alloc', (e) => e.pg_alloc(count));
    return new WasmTensor(this, new WasmAllocation(handle), 0, count, false);
  }

  view(base: Tensor, offset: number, length: number): Tensor {
    const [, baseOffset, baseLength] = this.locate('view', 'base', base);
    checkSize('view: offset', offset);
    checkSize('view: length', length);
    if (offset + length > baseLength) {
      throw new RangeError(`view: [${offset}, ${offset + length}) is outside the base tensor of ${baseLength} elements`);
    }
    return new WasmTensor(this, (base as WasmTensor).allocation, baseOffset + offset, length, true);
  }

  write(tensor: Tensor, source: Float32Array): void {
    const [handle, offset, length] = this.locate('write', 'tensor', tensor);
    if (!(source instanceof Float32Array)) {
      throw new TypeError(`write: data must be a Float32Array, got ${describeValue(source)}`);
    }
    if (source.length > length) {
      throw new RangeError(`write: data has ${source.length} elements but the tensor has only ${length}`);
    }
    const address = this.kernels.call('write', (e) => e.pg_data_address(handle, offset, source.length));
    this.kernels.floats(address, source.length).set(source);
  }

  read(tensor: Tensor, out?: Float32Array): Float32Array {
    const [handle, offset, length] = this.locate('read', 'tensor', tensor);
    if (out !== undefined && !(out instanceof Float32Array)) {
      throw new TypeError(`read: out must be a Float32Array, got ${describeValue(out)}`);
    }
    const result = out ?? new Float32Array(length);
    if (result.length < length) {
      throw new RangeError(`read: out has ${result.length} elements but the tensor has ${length}`);
    }
    const address = this.kernels.call('read', (e) => e.pg_data_address(handle, offset, length));
    result.set(this.kernels.floats(address, length));
    return result;
  }

  free(tensor: Tensor): void {
    const [handle] = this.locate('free', 'tensor', tensor);
    const wasm = tensor as WasmTensor;
    if (wasm.isView) return;
    this.kernels.call('free', (e) => e.pg_free(handle));
    wasm.allocation.freed = true;
  }

  matmul(a: Tensor, b: Tensor, c: Tensor, shape: MatmulShape): void {
    const op = 'matmul';
    requireObject(op, 'shape', shape);
    const [m, n, k, alpha, beta] = this.numbers(op, { m: shape.m, n: shape.n, k: shape.k, alpha: shape.alpha, beta: shape.beta });
    const transA = Number(requireBoolean(op, 'transA', shape.transA));
    const transB = Number(requireBoolean(op, 'transB', shape.transB));
    const [ta, tb, tc] = [this.locate(op, 'A', a), this.locate(op, 'B', b), this.locate(op, 'C', c)];
    this.kernels.call(op, (e) => e.pg_matmul(...ta, ...tb, ...tc, m, n, k, transA, transB, alpha, beta));
  }

  addBias(y: Tensor, bias: Tensor, rows: number, cols: number): void {
    const op = 'addBias';
    const [r, c] = this.numbers(op, { rows, cols });
    const [ty, tbias] = [this.locate(op, 'Y', y), this.locate(op, 'bias', bias)];
    this.kernels.call(op, (e) => e.pg_add_bias(...ty, ...tbias, r, c));
  }

  biasGrad(dy: Tensor, db: Tensor, rows: number, cols: number, beta: number): void {
    const op = 'biasGrad';
    const [r, c, b] = this.numbers(op, { rows, cols, beta });
    const [tdy, tdb] = [this.locate(op, 'dY', dy), this.locate(op, 'db', db)];
    this.kernels.call(op, (e) => e.pg_bias_grad(...tdy, ...tdb, r, c, b));
  }

  activate(act: Activation, x: Tensor, y: Tensor, n: number): void {
    const op = 'activate';
    const [code, slope] = activationCode(op, act);
    const [count] = this.numbers(op, { n });
    const [tx, ty] = [this.locate(op, 'x', x), this.locate(op, 'y', y)];
    this.kernels.call(op, (e) => e.pg_activate(code, slope, ...tx, ...ty, count));
  }

  activateBackward(act: Activation, y: Tensor, dy: Tensor, dx: Tensor, n: number): void {
    const op = 'activateBackward';
    const [code, slope] = activationCode(op, act);
    const [count] = this.numbers(op, { n });
    const [ty, tdy, tdx] = [this.locate(op, 'y', y), this.locate(op, 'dy', dy), this.locate(op, 'dx', dx)];
    this.kernels.call(op, (e) => e.pg_activate_backward(code, slope, ...ty, ...tdy, ...tdx, count));
  }

  bceWithLogits(logits: Tensor, targets: Tensor, grad: Tensor, n: number, gradScale: number): number {
    const op = 'bceWithLogits';
    const [count, scale] = this.numbers(op, { n, gradScale });
    const [tl, tt, tg] = [this.locate(op, 'logits', logits), this.locate(op, 'targets', targets), this.locate(op, 'grad', grad)];
    return this.kernels.call(op, (e) => e.pg_bce_with_logits(...tl, ...tt, ...tg, count, scale));
  }

  adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, n: number, p: AdamParams): void {
    const op = 'adam';
    requireObject(op, 'params', p);
    const [count, lr, beta1, beta2, eps, step] = this.numbers(op, { n, lr: p.lr, beta1: p.beta1, beta2: p.beta2, eps: p.eps, step: p.step });
    const [tp, tg, tm, tv] = [this.locate(op, 'param', param), this.locate(op, 'grad', grad), this.locate(op, 'm', m), this.locate(op, 'v', v)];
    this.kernels.call(op, (e) => e.pg_adam(...tp, ...tg, ...tm, ...tv, count, lr, beta1, beta2, eps, step));
  }

  sgd(param: Tensor, grad: Tensor, velocity: Tensor | null, n: number, lr: number, momentum: number): void {
    const op = 'sgd';
    const [count, rate, mom] = this.numbers(op, { n, lr, momentum });
    const [tp, tg, tv] = [this.locate(op, 'param', param), this.locate(op, 'grad', grad), this.optional(op, 'velocity', velocity)];
    this.kernels.call(op, (e) => e.pg_sgd(...tp, ...tg, ...tv, count, rate, mom));
  }

  denseForward(x: Tensor, w: Tensor, b: Tensor, y: Tensor, shape: DenseShape, act: Activation): void {
    const op = 'denseForward';
    requireObject(op, 'shape', shape);
    const [rows, inputs, outputs] = this.numbers(op, { rows: shape.rows, inputs: shape.inputs, outputs: shape.outputs });
    const [code, slope] = activationCode(op, act);
    const [tx, tw, tb, ty] = [this.locate(op, 'X', x), this.locate(op, 'W', w), this.locate(op, 'b', b), this.locate(op, 'Y', y)];
    this.kernels.call(op, (e) => e.pg_dense_forward(...tx, ...tw, ...tb, ...ty, rows, inputs, outputs, code, slope));
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
    const [rows, inputs, outputs] = this.numbers(op, { rows: shape.rows, inputs: shape.inputs, outputs: shape.outputs });
    const [code, slope] = activationCode(op, act);
    const acc = Number(requireBoolean(op, 'accumulate', accumulate));
    const [tx, tw, ty, tdy] = [this.locate(op, 'X', x), this.locate(op, 'W', w), this.locate(op, 'Y', y), this.locate(op, 'dY', dy)];
    const [tdx, tdw, tdb] = [this.optional(op, 'dX', dx), this.optional(op, 'dW', dw), this.optional(op, 'db', db)];
    this.kernels.call(op, (e) =>
      e.pg_dense_backward(...tx, ...tw, ...ty, ...tdy, ...tdx, ...tdw, ...tdb, rows, inputs, outputs, code, slope, acc),
    );
  }
}
