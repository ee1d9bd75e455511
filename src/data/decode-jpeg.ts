// Node-only: JPEG decoding with jpeg-js.
import jpeg from 'jpeg-js';
import { MAX_IMAGE_MEGAPIXELS, MAX_JPEG_MEMORY_MB } from './decode-limits.js';
import { applyExifOrientation, readExifOrientation } from './exif-orientation.js';
import type { RgbaImage } from './pixels/rgba-image.js';

const MAX_8_BIT = 255;

/**
 * Decodes a baseline or progressive JPEG into 8-bit RGBA and turns it upright according to its
 * EXIF orientation. Grayscale JPEGs come out with equal red, green and blue. Throws for a
 * truncated or corrupt file (jpeg-js reports a missing or unexpected marker) and for a file over
 * the megapixel or memory limits in decode-limits.ts.
 */
export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const decoded = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    // Skips blocks that lie outside the frame's block grid instead of rejecting the file.
    tolerantDecoding: true,
    maxResolutionInMP: MAX_IMAGE_MEGAPIXELS,
    maxMemoryUsageInMB: MAX_JPEG_MEMORY_MB,
  });
  if (decoded.width === 0 || decoded.height === 0) {
    throw new Error(`invalid size ${decoded.width}x${decoded.height}`);
  }
  // exifBuffer exists at run time in jpeg-js 0.4.4 but is missing from its type declarations.
  const exif = (decoded as { exifBuffer?: Uint8Array }).exifBuffer;
  const image: RgbaImage = { width: decoded.width, height: decoded.height, data: decoded.data, maxValue: MAX_8_BIT };
  return applyExifOrientation(image, readExifOrientation(exif));
}
