// Browser-safe: no Node imports.
import type { RgbaImage } from './rgba-image.js';
import type { PixelSource } from './source.js';

/** Background colour for alpha compositing, as 8-bit [red, green, blue] values in [0, 255]. */
export type Rgb = readonly [number, number, number];

/** Default background. The bundled emoji were composited on white, so this default matches them. */
export const WHITE: Rgb = [255, 255, 255];

const MAX_8_BIT = 255;

/** Throws a RangeError unless `background` has three finite values in [0, 255]. */
export function checkBackground(background: Rgb): void {
  const valid =
    Array.isArray(background) &&
    background.length === 3 &&
    background.every((value) => Number.isFinite(value) && value >= 0 && value <= MAX_8_BIT);
  if (!valid) {
    throw new RangeError(
      `invalid background ${JSON.stringify(background)}: expected [red, green, blue] with each value in 0-255`,
    );
  }
}

/**
 * Wraps an RGBA image as a 3-channel PixelSource whose pixels are composited over `background`:
 * out = alpha * colour + (1 - alpha) * background, on the stored (gamma-encoded) values, which
 * is how browsers draw a transparent image on a page. Output values are in [0, 1].
 */
export function compositedSource(image: RgbaImage, background: Rgb = WHITE): PixelSource {
  checkBackground(background);
  const { width, height, data, maxValue } = image;
  if (!(maxValue > 0) || data.length < width * height * 4) {
    throw new RangeError(`invalid RGBA image: ${width}x${height}, ${data.length} samples, maxValue ${maxValue}`);
  }
  const backgroundUnit = background.map((value) => value / MAX_8_BIT);
  return {
    width,
    height,
    channels: 3,
    readRow(y, left, count, out) {
      let sample = (y * width + left) * 4;
      for (let x = 0; x < count; x++, sample += 4) {
        const alpha = data[sample + 3] / maxValue;
        for (let c = 0; c < 3; c++) {
          const colour = data[sample + c] / maxValue;
          out[x * 3 + c] = alpha * colour + (1 - alpha) * backgroundUnit[c];
        }
      }
    },
  };
}

/** Copies each grayscale value to red, green and blue: [n] -> [n, 3]. */
export function grayToRgb(gray: Float32Array): Float32Array {
  const rgb = new Float32Array(gray.length * 3);
  for (let i = 0; i < gray.length; i++) {
    rgb[i * 3] = gray[i];
    rgb[i * 3 + 1] = gray[i];
    rgb[i * 3 + 2] = gray[i];
  }
  return rgb;
}
