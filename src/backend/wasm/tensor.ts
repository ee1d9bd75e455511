// Tensors of the WASM backend: a handle into the module's allocation table, plus the element
// range of a view. The module checks every range against its table; these checks add messages
// that name the operation and catch tensors of other backends.

import { describeValue } from '../rust/args.js';
import type { Tensor } from '../types.js';
import { NO_TENSOR, type TensorArgs } from './exports.js';

export type { TensorArgs } from './exports.js';

/** Shared by an allocated tensor and its views, so that freeing it invalidates them all. */
export class WasmAllocation {
  freed = false;

  constructor(readonly handle: number) {}
}

export class WasmTensor implements Tensor {
  constructor(
    readonly owner: object,
    readonly allocation: WasmAllocation,
    /** First element within the allocation. */
    readonly offset: number,
    readonly length: number,
    readonly isView: boolean,
  ) {}
}

/** Returns the module arguments of `tensor` after checking that `owner` made it and it is not freed. */
export function tensorArgs(owner: object, operation: string, name: string, tensor: unknown): TensorArgs {
  if (!(tensor instanceof WasmTensor) || tensor.owner !== owner) {
    const actual = tensor instanceof WasmTensor ? 'a tensor of another wasm backend' : describeValue(tensor);
    throw new TypeError(`${operation}: ${name} must be a tensor made by this wasm backend, got ${actual}`);
  }
  if (tensor.allocation.freed) {
    throw new RangeError(`${operation}: ${name} was freed (handle ${tensor.allocation.handle}); allocate a new tensor`);
  }
  return [tensor.allocation.handle, tensor.offset, tensor.length];
}

/** Like `tensorArgs`, but null becomes the module's "no tensor" handle. */
export function optionalTensorArgs(owner: object, operation: string, name: string, tensor: unknown): TensorArgs {
  return tensor === null ? [NO_TENSOR, 0, 0] : tensorArgs(owner, operation, name, tensor);
}
