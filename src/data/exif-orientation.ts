// EXIF orientation of JPEG photos. Cameras and phones store the sensor image as captured and
// record how to turn it upright in the EXIF Orientation tag (TIFF tag 0x0112, values 1-8).
// No Node imports.
import type { RgbaImage } from './pixels/rgba-image.js';

const ORIENTATION_TAG = 0x0112;
const TIFF_MAGIC = 42;
const IFD_ENTRY_BYTES = 12;
const UPRIGHT = 1;

/** Returns the offset of the TIFF header ("II" or "MM") at the start of `exif`, or -1. */
function findTiffStart(exif: Uint8Array): number {
  // jpeg-js 0.4.4 drops only 5 of the 6 bytes of the "Exif\0\0" prefix, so allow offset 0 or 1.
  for (const offset of [0, 1]) {
    const first = exif[offset];
    if ((first === 0x49 || first === 0x4d) && exif[offset + 1] === first) return offset;
  }
  return -1;
}

/**
 * Reads the Orientation tag from the TIFF data of a JPEG's EXIF segment. Returns 1 (upright)
 * when the data is missing, malformed or has no valid Orientation tag.
 */
export function readExifOrientation(exif: Uint8Array | undefined): number {
  if (exif === undefined) return UPRIGHT;
  const start = findTiffStart(exif);
  if (start < 0 || exif.length < start + 8) return UPRIGHT;
  const view = new DataView(exif.buffer, exif.byteOffset + start, exif.byteLength - start);
  const littleEndian = exif[start] === 0x49;
  if (view.getUint16(2, littleEndian) !== TIFF_MAGIC) return UPRIGHT;

  const directory = view.getUint32(4, littleEndian);
  if (directory + 2 > view.byteLength) return UPRIGHT;
  const entries = view.getUint16(directory, littleEndian);
  for (let i = 0; i < entries; i++) {
    const entry = directory + 2 + i * IFD_ENTRY_BYTES;
    if (entry + IFD_ENTRY_BYTES > view.byteLength) return UPRIGHT;
    if (view.getUint16(entry, littleEndian) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, littleEndian);
      return value >= 1 && value <= 8 ? value : UPRIGHT;
    }
  }
  return UPRIGHT;
}

/**
 * Returns the source column and row that displayed pixel (x, y) comes from, for a stored image
 * of width x height. Orientations 5-8 swap the displayed width and height.
 */
function sourcePixel(orientation: number, x: number, y: number, width: number, height: number): [number, number] {
  switch (orientation) {
    case 2: return [width - 1 - x, y]; // mirrored left-right
    case 3: return [width - 1 - x, height - 1 - y]; // rotated 180 degrees
    case 4: return [x, height - 1 - y]; // mirrored top-bottom
    case 5: return [y, x]; // transposed
    case 6: return [y, height - 1 - x]; // needs a 90 degree clockwise turn
    case 7: return [width - 1 - y, height - 1 - x]; // transversed
    case 8: return [width - 1 - y, x]; // needs a 90 degree counter-clockwise turn
    default: return [x, y];
  }
}

/** Returns `image` turned upright according to an EXIF orientation; orientation 1 returns it unchanged. */
export function applyExifOrientation(image: RgbaImage, orientation: number): RgbaImage {
  if (orientation < 2 || orientation > 8) return image;
  const swapsAxes = orientation >= 5;
  const width = swapsAxes ? image.height : image.width;
  const height = swapsAxes ? image.width : image.height;
  const data = new (image.data.constructor as new (length: number) => RgbaImage['data'])(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sourceX, sourceY] = sourcePixel(orientation, x, y, image.width, image.height);
      const from = (sourceY * image.width + sourceX) * 4;
      data.set(image.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { width, height, data, maxValue: image.maxValue };
}
