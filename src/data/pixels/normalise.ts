// Browser-safe: no Node imports.

/** Range of real training images: the generator's tanh output range. */
export const SIGNED_RANGE: [number, number] = [-1, 1];

/** Maps values from [0, 1] to [-1, 1] in place (v * 2 - 1) and returns the same array. */
export function toSignedRange(values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) {
    values[i] = values[i] * 2 - 1;
  }
  return values;
}
