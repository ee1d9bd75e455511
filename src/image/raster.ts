// RGBA pixel buffers and the few drawing primitives the grid and chart renderers need.
// Browser-safe: no Node imports.

/** An 8-bit RGBA image. `rgba` is [height, width, 4], row-major, with alpha last. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Red, green and blue, each an integer in 0..255. */
export type Rgb = [number, number, number];

const RGBA_CHANNELS = 4;
const OPAQUE = 255;

/** Maximum width or height in pixels, which keeps one RGBA buffer at most 1 GiB. */
export const MAX_IMAGE_SIDE_PX = 16384;

/** Throws unless `width` and `height` are integers in 1..MAX_IMAGE_SIDE_PX. */
export function validateImageSize(width: number, height: number, label: string): void {
  for (const [name, value] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_IMAGE_SIDE_PX) {
      throw new Error(`${label} ${name} is ${value} pixels; expected an integer from 1 to ${MAX_IMAGE_SIDE_PX}`);
    }
  }
}

/** Throws unless `color` is three integers in 0..255. */
export function validateRgb(color: unknown, label: string): void {
  const valid =
    Array.isArray(color) &&
    color.length === 3 &&
    color.every((component) => Number.isInteger(component) && component >= 0 && component <= 255);
  if (!valid) {
    throw new Error(`${label} is ${JSON.stringify(color)}; expected [r, g, b] with integers from 0 to 255`);
  }
}

/** Creates an opaque image filled with `background`. */
export function createImage(width: number, height: number, background: Rgb): RgbaImage {
  validateImageSize(width, height, 'image');
  const rgba = new Uint8Array(width * height * RGBA_CHANNELS);
  for (let i = 0; i < rgba.length; i += RGBA_CHANNELS) {
    rgba[i] = background[0];
    rgba[i + 1] = background[1];
    rgba[i + 2] = background[2];
    rgba[i + 3] = OPAQUE;
  }
  return { width, height, rgba };
}

/** Sets one opaque pixel. Pixels outside the image are clipped. */
export function setPixel(image: RgbaImage, x: number, y: number, color: Rgb): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) {
    return;
  }
  const i = (y * image.width + x) * RGBA_CHANNELS;
  image.rgba[i] = color[0];
  image.rgba[i + 1] = color[1];
  image.rgba[i + 2] = color[2];
  image.rgba[i + 3] = OPAQUE;
}

/** Fills the rectangle with top-left corner (x, y), clipped to the image. */
export function fillRect(image: RgbaImage, x: number, y: number, width: number, height: number, color: Rgb): void {
  const left = Math.max(0, x);
  const top = Math.max(0, y);
  const right = Math.min(image.width, x + width);
  const bottom = Math.min(image.height, y + height);
  for (let row = top; row < bottom; row++) {
    for (let column = left; column < right; column++) {
      setPixel(image, column, row, color);
    }
  }
}

/**
 * Draws a 1-pixel line between two integer points, both ends included (Bresenham's algorithm).
 * Throws on a non-integer coordinate, which would otherwise never reach the end point.
 */
export function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
  if (![x0, y0, x1, y1].every(Number.isSafeInteger)) {
    throw new Error(`line end points must be integers, got (${x0}, ${y0}) to (${x1}, ${y1})`);
  }
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const stepX = x0 < x1 ? 1 : -1;
  const stepY = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    setPixel(image, x, y, color);
    if (x === x1 && y === y1) {
      return;
    }
    const doubled = 2 * error;
    if (doubled >= dy) {
      error += dy;
      x += stepX;
    }
    if (doubled <= dx) {
      error += dx;
      y += stepY;
    }
  }
}
