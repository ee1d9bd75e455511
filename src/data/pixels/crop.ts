// Browser-safe: no Node imports.
import type { PixelSource } from './source.js';

/** Square region of an image, in pixels from the top-left corner. */
export interface SquareRegion {
  left: number;
  top: number;
  side: number;
}

/**
 * Returns the largest centred square of a width x height image. When the margin is odd, the
 * extra pixel is cut from the right or bottom edge (left and top are rounded down).
 */
export function centreSquare(width: number, height: number): SquareRegion {
  const side = Math.min(width, height);
  return {
    left: Math.floor((width - side) / 2),
    top: Math.floor((height - side) / 2),
    side,
  };
}

/** Returns a view of `source` restricted to its centred square, without copying pixels. */
export function centreCrop(source: PixelSource): PixelSource {
  const region = centreSquare(source.width, source.height);
  return {
    width: region.side,
    height: region.side,
    channels: source.channels,
    readRow(y, left, count, out) {
      source.readRow(region.top + y, region.left + left, count, out);
    },
  };
}
