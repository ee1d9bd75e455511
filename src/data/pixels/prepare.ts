// Browser-safe: no Node imports.
import { centreCrop } from './crop.js';
import { toSignedRange } from './normalise.js';
import { resize } from './resize.js';
import type { RgbaImage } from './rgba-image.js';
import type { PixelSource } from './source.js';
import { compositedSource, WHITE, type Rgb } from './to-rgb.js';

/**
 * Turns any source into training pixels with the one resize policy of this project: crop the
 * centred square, resize it to size x size (area average when shrinking, bilinear when
 * enlarging), then scale [0, 1] to [-1, 1]. Returns [size, size, channels].
 */
export function prepareSource(source: PixelSource, size: number): Float32Array {
  const square = centreCrop(source);
  return toSignedRange(resize(square, size, size));
}

/**
 * Turns a decoded RGBA image (from pngjs, jpeg-js or a canvas) into RGB training pixels: alpha
 * is composited over `background`, then prepareSource applies. Returns [size, size, 3] in [-1, 1].
 */
export function prepareRgbaImage(image: RgbaImage, size: number, background: Rgb = WHITE): Float32Array {
  return prepareSource(compositedSource(image, background), size);
}
