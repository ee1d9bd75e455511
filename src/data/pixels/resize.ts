// Browser-safe: no Node imports.
//
// Resize policy, shared by every loader: shrinking uses an exact area average (a box filter
// with fractional pixel coverage), enlarging uses bilinear interpolation with pixel centres
// aligned and edge pixels repeated. Both are separable, so rows are resized first and columns
// second. Each axis is shrunk or enlarged independently.
import type { PixelSource } from './source.js';

/**
 * Source pixels that one output pixel mixes along one axis: weights[k] applies to source index
 * first + k. The weights sum to 1.
 */
export interface Taps {
  first: number;
  weights: Float64Array;
}

/**
 * Returns area-average taps for shrinking inSize pixels to outSize (outSize <= inSize). Output
 * pixel j covers the source interval [j * inSize / outSize, (j + 1) * inSize / outSize), and each
 * source pixel is weighted by the length of its overlap with that interval. Lengths are counted
 * in units of 1 / outSize, so the overlaps are exact integers.
 */
export function areaTaps(inSize: number, outSize: number): Taps[] {
  const taps: Taps[] = [];
  for (let j = 0; j < outSize; j++) {
    const start = j * inSize; // in units of 1 / outSize source pixels
    const end = (j + 1) * inSize;
    const first = Math.floor(start / outSize);
    const last = Math.ceil(end / outSize) - 1;
    const weights = new Float64Array(last - first + 1);
    for (let i = first; i <= last; i++) {
      const overlap = Math.min(end, (i + 1) * outSize) - Math.max(start, i * outSize);
      weights[i - first] = overlap / inSize;
    }
    taps.push({ first, weights });
  }
  return taps;
}

/**
 * Returns bilinear taps for enlarging inSize pixels to outSize (outSize > inSize). Output pixel
 * j samples the source at (j + 0.5) * inSize / outSize - 0.5, so pixel centres line up. Samples
 * beyond the first or last source centre take that edge pixel's value.
 */
export function bilinearTaps(inSize: number, outSize: number): Taps[] {
  const taps: Taps[] = [];
  for (let j = 0; j < outSize; j++) {
    const position = ((j + 0.5) * inSize) / outSize - 0.5;
    if (position <= 0) {
      taps.push({ first: 0, weights: Float64Array.of(1) });
    } else if (position >= inSize - 1) {
      taps.push({ first: inSize - 1, weights: Float64Array.of(1) });
    } else {
      const first = Math.floor(position);
      const fraction = position - first;
      taps.push({ first, weights: Float64Array.of(1 - fraction, fraction) });
    }
  }
  return taps;
}

/** Returns the taps of the resize policy: area average when shrinking or equal, else bilinear. */
export function axisTaps(inSize: number, outSize: number): Taps[] {
  if (!Number.isInteger(inSize) || !Number.isInteger(outSize) || inSize < 1 || outSize < 1) {
    throw new RangeError(`invalid resize ${inSize} -> ${outSize}: both sizes must be positive integers`);
  }
  return outSize <= inSize ? areaTaps(inSize, outSize) : bilinearTaps(inSize, outSize);
}

/**
 * Resizes `source` to outWidth x outHeight with the policy above and returns
 * [outHeight, outWidth, channels] values. Memory use is one source row plus a
 * [source height, outWidth, channels] intermediate, so a large photo is never copied whole.
 */
export function resize(source: PixelSource, outWidth: number, outHeight: number): Float32Array {
  const { width, height, channels } = source;
  const columnTaps = axisTaps(width, outWidth);
  const rowTaps = axisTaps(height, outHeight);

  // Pass 1: resize each source row horizontally. [height, outWidth, channels]
  const row = new Float32Array(width * channels);
  const narrowed = new Float64Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    source.readRow(y, 0, width, row);
    const rowStart = y * outWidth * channels;
    for (let x = 0; x < outWidth; x++) {
      const { first, weights } = columnTaps[x];
      for (let k = 0; k < weights.length; k++) {
        const from = (first + k) * channels;
        const to = rowStart + x * channels;
        for (let c = 0; c < channels; c++) {
          narrowed[to + c] += weights[k] * row[from + c];
        }
      }
    }
  }

  // Pass 2: mix the narrowed rows vertically. [outHeight, outWidth, channels]
  const rowLength = outWidth * channels;
  const output = new Float32Array(outHeight * rowLength);
  const sums = new Float64Array(rowLength);
  for (let y = 0; y < outHeight; y++) {
    const { first, weights } = rowTaps[y];
    sums.fill(0);
    for (let k = 0; k < weights.length; k++) {
      const from = (first + k) * rowLength;
      for (let i = 0; i < rowLength; i++) {
        sums[i] += weights[k] * narrowed[from + i];
      }
    }
    output.set(sums, y * rowLength);
  }
  return output;
}
