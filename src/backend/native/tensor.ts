// Tensors of the native backend: a Float32Array, or a subarray of one for views.

import { describeValue } from '../rust/args.js';
import type { Tensor } from '../types.js';

/** Shared by an allocated tensor and its views, so that freeing it invalidates them all. */
export class Allocation {
  freed = false;
}

export class NativeTensor implements Tensor {
  /**
   * @param owner the backend that made the tensor
   * @param data the elements, shared with the allocation and its other views
   * @param allocation the allocation the elements belong to
   * @param isView whether this is a view, which `free` leaves alone
   */
  constructor(
    readonly owner: object,
    public data: Float32Array,
    readonly allocation: Allocation,
    readonly isView: boolean,
  ) {}

  get length(): number {
    return this.data.length;
  }
}

/** Returns the elements of `tensor` after checking that `owner` made it and it is not freed. */
export function unwrapNative(owner: object, operation: string, name: string, tensor: unknown): Float32Array {
  if (!(tensor instanceof NativeTensor) || tensor.owner !== owner) {
    const actual = tensor instanceof NativeTensor ? 'a tensor of another native backend' : describeValue(tensor);
    throw new TypeError(`${operation}: ${name} must be a tensor made by this native backend, got ${actual}`);
  }
  if (tensor.allocation.freed) {
    throw new RangeError(`${operation}: ${name} was freed; allocate a new tensor`);
  }
  return tensor.data;
}

/** Like `unwrapNative`, but passes null through for optional tensors. */
export function unwrapOptionalNative(owner: object, operation: string, name: string, tensor: unknown): Float32Array | null {
  return tensor === null ? null : unwrapNative(owner, operation, name, tensor);
}
