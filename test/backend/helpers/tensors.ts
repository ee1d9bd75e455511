// Runs one backend operation on plain arrays: copies them into tensors, runs the operation,
// and copies every tensor back out, so tests compare backends on equal terms.

import type { Backend, Tensor } from '../../../src/backend/types.js';

/**
 * Allocates a tensor per array, runs `body`, and returns every tensor's contents afterwards
 * together with `body`'s return value. Frees the tensors even when `body` throws.
 */
export function runOn<K extends string, R>(
  backend: Backend,
  arrays: Record<K, Float32Array>,
  body: (tensors: Record<K, Tensor>) => R,
): { out: Record<K, Float32Array>; result: R } {
  const tensors = {} as Record<K, Tensor>;
  try {
    for (const key of Object.keys(arrays) as K[]) {
      const tensor = backend.alloc(arrays[key].length);
      backend.write(tensor, arrays[key]);
      tensors[key] = tensor;
    }
    const result = body(tensors);
    const out = {} as Record<K, Float32Array>;
    for (const key of Object.keys(tensors) as K[]) out[key] = backend.read(tensors[key]);
    return { out, result };
  } finally {
    for (const tensor of Object.values(tensors) as Tensor[]) backend.free(tensor);
  }
}
