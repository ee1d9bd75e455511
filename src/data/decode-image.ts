// Node-only: picks the decoder by the file's first bytes, not by its name.
import { decodeJpeg } from './decode-jpeg.js';
import { decodePng } from './decode-png.js';
import { describeError } from './errors.js';
import { hasPngSignature } from './png-chunks.js';
import type { RgbaImage } from './pixels/rgba-image.js';

const JPEG_START = [0xff, 0xd8, 0xff];

/** Returns whether `bytes` starts like a JPEG file (SOI marker followed by another marker). */
export function hasJpegSignature(bytes: Uint8Array): boolean {
  return bytes.length >= JPEG_START.length && JPEG_START.every((value, i) => bytes[i] === value);
}

/** Runs `decode` and prefixes any error message with the format, e.g. "cannot decode PNG: ...". */
function decodeAs(format: string, decode: (bytes: Uint8Array) => RgbaImage, bytes: Uint8Array): RgbaImage {
  try {
    return decode(bytes);
  } catch (error) {
    throw new Error(`cannot decode ${format}: ${describeError(error)}`, { cause: error });
  }
}

/**
 * Decodes PNG or JPEG bytes, chosen by content, so a JPEG saved as .png still loads. Throws an
 * Error with a one-line reason for an empty file, another format or a broken image.
 */
export function decodeImage(bytes: Uint8Array): RgbaImage {
  if (bytes.length === 0) throw new Error('file is empty (0 bytes)');
  if (hasPngSignature(bytes)) return decodeAs('PNG', decodePng, bytes);
  if (hasJpegSignature(bytes)) return decodeAs('JPEG', decodeJpeg, bytes);
  const start = Array.from(bytes.subarray(0, 4), (value) => value.toString(16).padStart(2, '0')).join(' ');
  throw new Error(`not a PNG or JPEG file (starts with bytes ${start})`);
}
