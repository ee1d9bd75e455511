// Node-only: PNG decoding with pngjs.
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { MAX_IMAGE_MEGAPIXELS, MAX_IMAGE_PIXELS } from './decode-limits.js';
import { checkPngChunks, interlacedDataBytes, readPngHeader, type PngHeader } from './png-chunks.js';
import type { RgbaImage } from './pixels/rgba-image.js';

const PALETTE_COLOR_TYPE = 3;
const PALETTE_ENTRY_MAX = 255;

/**
 * Decodes a PNG file into RGBA samples at their full bit depth. pngjs expands grayscale and
 * palette images to RGBA, and `skipRescale` keeps 16-bit samples as 0-65535 (and 1-, 2- and
 * 4-bit gray as 0 to 2^depth - 1) instead of rounding them to 8 bits. Throws an Error that states
 * what is wrong for a truncated, corrupt or oversized file.
 */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const header = readPngHeader(bytes);
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    throw new Error(
      `image is ${header.width}x${header.height}, larger than the ${MAX_IMAGE_MEGAPIXELS} megapixel limit`,
    );
  }
  const imageData = checkPngChunks(bytes);
  if (header.interlaced) checkInterlacedSize(imageData, header);

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = PNG.sync.read(buffer, { skipRescale: true, checkCRC: true });
  // With skipRescale, pngjs returns a Uint16Array for 16-bit files and a Buffer otherwise.
  const data = png.data as Uint8Array | Uint16Array;
  const maxValue = header.colorType === PALETTE_COLOR_TYPE ? PALETTE_ENTRY_MAX : 2 ** header.bitDepth - 1;
  if (data.length !== png.width * png.height * 4) {
    throw new Error(`decoded ${data.length} samples for ${png.width}x${png.height} pixels`);
  }
  return { width: png.width, height: png.height, data, maxValue };
}

/**
 * Checks that the compressed data of an interlaced PNG inflates to no more than its header
 * allows. pngjs inflates interlaced files without an output limit, so a small file could
 * otherwise expand to gigabytes. Non-interlaced files are inflated by pngjs with a limit.
 */
function checkInterlacedSize(imageData: Uint8Array, header: PngHeader): void {
  const expected = interlacedDataBytes(header);
  try {
    inflateSync(imageData, { maxOutputLength: expected });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new Error(`image data inflates to more than the ${expected} bytes its header allows`);
    }
    throw error;
  }
}
