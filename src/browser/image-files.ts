// Training images from files in a browser: the browser decodes each PNG or JPEG, and the same
// pixel pipeline as in Node (alpha over a background, centre crop, area-average resize, scale to
// [-1, 1]) turns it into training pixels. Runs in a page or a worker, and uploads nothing.

import { MAX_IMAGE_MEGAPIXELS, MAX_IMAGE_PIXELS } from '../data/decode-limits.js';
import { DatasetError, describeError } from '../data/errors.js';
import { allocatePixels, type ImageSet, type SkippedFile } from '../data/image-set.js';
import { SIGNED_RANGE } from '../data/pixels/normalise.js';
import { prepareRgbaImage } from '../data/pixels/prepare.js';
import type { RgbaImage } from '../data/pixels/rgba-image.js';
import { WHITE, type Rgb } from '../data/pixels/to-rgb.js';
import { checkPngChunks, hasPngSignature, readPngHeader } from '../data/png-chunks.js';

/** A file to load: `name` is its path inside a chosen folder ("cats/1.png") or its file name. */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface ImageFileOptions {
  /** Output width and height in pixels. */
  size: number;
  /** Colour behind transparent pixels, as 8-bit [red, green, blue]. Default white. */
  background?: Rgb;
  /** Called after each file with the number of files done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Extensions the Node folder loader decodes (IMAGE_EXTENSIONS in src/data/list-images.ts, which imports node:fs). */
const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];
const JPEG_START = [0xff, 0xd8, 0xff];
const RGB_CHANNELS = 3;
const MAX_8_BIT = 255;
/** Bytes shown from the start of a file that is neither PNG nor JPEG. */
const SHOWN_START_BYTES = 4;

/**
 * Decodes PNG or JPEG bytes with the browser's decoder, chosen by content like the Node loader.
 * Throws an Error with a one-line reason for an empty file, another format, a truncated or
 * corrupt PNG, an image over MAX_IMAGE_MEGAPIXELS or one the browser cannot decode.
 */
export async function decodeImageBlob(blob: Blob): Promise<RgbaImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  if (bytes.length === 0) throw new Error('file is empty (0 bytes)');
  if (hasPngSignature(bytes)) {
    readPngHeader(bytes);
    checkPngChunks(bytes);
  } else if (!JPEG_START.every((value, i) => bytes[i] === value)) {
    const start = Array.from(bytes.subarray(0, SHOWN_START_BYTES), (value) => value.toString(16).padStart(2, '0')).join(' ');
    throw new Error(`not a PNG or JPEG file (starts with bytes ${start})`);
  }

  let bitmap: ImageBitmap;
  try {
    // Stored colours, not converted to the display's colour space, as pngjs and jpeg-js read them.
    bitmap = await createImageBitmap(new Blob([bytes]), {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
      imageOrientation: 'from-image',
    });
  } catch (error) {
    throw new Error(`the browser cannot decode this image: ${describeError(error)}`, { cause: error });
  }
  try {
    return readBitmap(bitmap);
  } finally {
    bitmap.close();
  }
}

/** Draws a bitmap on a canvas and reads its RGBA samples. */
function readBitmap(bitmap: ImageBitmap): RgbaImage {
  const { width, height } = bitmap;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new Error(`image is ${width}x${height}, over the limit of ${MAX_IMAGE_MEGAPIXELS} megapixels`);
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null) throw new Error('this browser has no 2D canvas to read decoded pixels from');
  context.drawImage(bitmap, 0, 0);
  // NOTE: opaque 8-bit PNGs give exactly the pixels of the Node loader (test/browser checks it).
  // A canvas stores premultiplied 8-bit colour, so semi-transparent pixels can differ by about
  // 1/255 after compositing, 16-bit PNGs are read at 8 bits, and the browser's JPEG decoder
  // may round differently from jpeg-js.
  const { data } = context.getImageData(0, 0, width, height);
  return { width, height, data, maxValue: MAX_8_BIT };
}

/** Returns the lower-case extension of a path's last part, with its dot, or ''. */
function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** Returns whether a path has a hidden part (".git", ".DS_Store") or a macOS __MACOSX folder, which the Node loader leaves out. */
function isHiddenPath(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
}

/** Orders paths as the Node loader does: folder by folder, each folder's entries by name. */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Loads image files as a training set of size x size RGB images in [-1, 1]. Files that are not
 * .png, .jpg or .jpeg, or that cannot be decoded, are listed in `skipped` with the reason.
 * Throws a DatasetError that lists the reasons when no file is usable.
 */
export async function loadImageFiles(files: readonly NamedBlob[], options: ImageFileOptions): Promise<ImageSet> {
  const { size, background = WHITE, onProgress } = options;
  if (!Number.isInteger(size) || size < 1) {
    throw new DatasetError(`invalid size ${size}: expected a positive integer number of pixels, e.g. 16 or 32`);
  }
  const skipped: SkippedFile[] = [];
  const candidates = files.filter((file) => !isHiddenPath(file.name)).sort((a, b) => comparePaths(a.name, b.name));
  const images = candidates.filter((file) => {
    if (IMAGE_EXTENSIONS.includes(extensionOf(file.name))) return true;
    skipped.push({ file: file.name, reason: `not a .png, .jpg or .jpeg file` });
    return false;
  });

  const valuesPerImage = size * size * RGB_CHANNELS;
  const pixels = allocatePixels(images.length, valuesPerImage, 'the chosen images');
  let count = 0;
  for (const [index, file] of images.entries()) {
    try {
      const image = await decodeImageBlob(file.blob);
      pixels.set(prepareRgbaImage(image, size, background), count * valuesPerImage);
      count++;
    } catch (error) {
      skipped.push({ file: file.name, reason: describeError(error) });
    }
    onProgress?.(index + 1, images.length);
  }

  if (count === 0) throw new DatasetError(describeNoImages(files.length, skipped));
  return {
    name: files.length === 1 ? files[0].name : `${count} chosen images`,
    width: size,
    height: size,
    channels: RGB_CHANNELS,
    count,
    pixels: count < images.length ? pixels.slice(0, count * valuesPerImage) : pixels,
    range: [...SIGNED_RANGE],
    skipped,
  };
}

/** Maximum reasons listed in the error for a choice with no usable image. */
const MAX_LISTED_SKIPS = 5;

function describeNoImages(fileCount: number, skipped: SkippedFile[]): string {
  if (fileCount === 0) return 'No files were chosen: choose .png, .jpg or .jpeg images, or a folder of them.';
  if (skipped.length === 0) return `None of the ${fileCount} chosen files is an image: hidden files and __MACOSX folders are left out.`;
  const listed = skipped.slice(0, MAX_LISTED_SKIPS).map((s) => `${s.file}: ${s.reason}`);
  const more = skipped.length > listed.length ? `; and ${skipped.length - listed.length} more` : '';
  return `No usable images among the ${fileCount} chosen files. ${listed.join('; ')}${more}.`;
}
