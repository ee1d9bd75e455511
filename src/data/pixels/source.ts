// Browser-safe: no Node imports.

/**
 * Image that the resize pipeline reads one row segment at a time, so a large photo never has to
 * exist as a full float copy. Values are in [0, 1] and interleaved (HWC).
 */
export interface PixelSource {
  width: number;
  height: number;
  channels: number;
  /** Writes pixels [left, left + count) of row `y` to `out` as [count, channels] values. */
  readRow(y: number, left: number, count: number, out: Float32Array): void;
}

/** Float image in memory: `data` is [height, width, channels], row-major, HWC. */
export interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Float32Array;
}

/** Wraps an in-memory raster as a PixelSource. Throws when `data` is shorter than its shape. */
export function rasterSource(raster: Raster): PixelSource {
  const { width, height, channels, data } = raster;
  const needed = width * height * channels;
  if (data.length < needed) {
    throw new RangeError(
      `raster data has ${data.length} values but ${width}x${height}x${channels} needs ${needed}`,
    );
  }
  return {
    width,
    height,
    channels,
    readRow(y, left, count, out) {
      const start = (y * width + left) * channels;
      out.set(data.subarray(start, start + count * channels));
    },
  };
}
