// PNG encoding and crash-safe PNG writing for rendered grids and charts.

import { PNG } from 'pngjs';

import { writeFileAtomic } from '../checkpoint/atomic-file.js';
import type { RgbaImage } from './raster.js';

const RGBA_CHANNELS = 4;

/** Encodes 8-bit RGBA pixels ([height, width, 4], row-major) as a PNG file. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new Error(`PNG size is ${width}x${height}; expected positive integer width and height`);
  }
  const expectedLength = width * height * RGBA_CHANNELS;
  if (!(rgba instanceof Uint8Array) || rgba.length !== expectedLength) {
    throw new Error(
      `PNG pixel buffer has ${rgba?.length} bytes, but ${width}x${height} RGBA needs ${expectedLength}`,
    );
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png);
}

/** Encodes `image` as PNG and writes it to `path` atomically, replacing any existing file. */
export async function writePng(path: string, image: RgbaImage): Promise<void> {
  await writeFileAtomic(path, encodePng(image.width, image.height, image.rgba));
}
