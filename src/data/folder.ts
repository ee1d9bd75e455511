// Node-only: loads a folder tree of PNG and JPEG images.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeImage } from './decode-image.js';
import { DatasetError, describeError } from './errors.js';
import { allocatePixels, type ImageSet, type SkippedFile } from './image-set.js';
import { listImageFiles, type ImageListing } from './list-images.js';
import { pathKind } from './path-kind.js';
import { checkOptions, rejectGrayscaleRequest, type LoadOptions } from './options.js';
import { SIGNED_RANGE } from './pixels/normalise.js';
import { prepareRgbaImage } from './pixels/prepare.js';

const RGB_CHANNELS = 3;
/** Maximum skipped files listed in the error for a folder with no usable images. */
const MAX_LISTED_SKIPS = 10;
const FOLDER_EXPECTED = 'a folder of .png, .jpg or .jpeg images';

/**
 * Loads every .png, .jpg and .jpeg file under `dir` (see listImageFiles for what is left out).
 * Each image is composited on `options.background` (default white), centre-cropped to a square,
 * resized to size x size and scaled to [-1, 1]. A file that cannot be read or decoded is listed
 * in `skipped` and the rest still load. Throws a DatasetError when `dir` is missing or not a
 * folder, or when no image is usable.
 */
export async function loadImageFolder(dir: string, options: LoadOptions): Promise<ImageSet> {
  const checked = checkOptions(options);
  const root = path.resolve(dir);
  rejectGrayscaleRequest(checked, root);
  await requireFolder(root);

  const listing = await listFolder(root);
  const valuesPerImage = checked.size * checked.size * RGB_CHANNELS;
  let pixels = allocatePixels(listing.images.length, valuesPerImage, root);
  const skipped: SkippedFile[] = [...listing.skipped];
  let count = 0;
  for (const file of listing.images) {
    try {
      const bytes = await readFile(path.join(root, file));
      const image = decodeImage(bytes);
      pixels.set(prepareRgbaImage(image, checked.size, checked.background), count * valuesPerImage);
      count++;
    } catch (error) {
      skipped.push({ file, reason: describeError(error) });
    }
  }

  if (count === 0) throw new DatasetError(describeEmptyFolder(root, listing, skipped));
  if (count < listing.images.length) pixels = pixels.slice(0, count * valuesPerImage);
  return {
    name: path.basename(root),
    width: checked.size,
    height: checked.size,
    channels: RGB_CHANNELS,
    count,
    pixels,
    range: [...SIGNED_RANGE],
    skipped,
  };
}

async function requireFolder(root: string): Promise<void> {
  if ((await pathKind(root, FOLDER_EXPECTED)) !== 'folder') {
    throw new DatasetError(`${root} is a file: expected ${FOLDER_EXPECTED}`);
  }
}

async function listFolder(root: string): Promise<ImageListing> {
  try {
    return await listImageFiles(root);
  } catch (error) {
    throw new DatasetError(`Cannot read image folder ${root}: ${describeError(error)}`, { cause: error });
  }
}

/** Builds the error message for a folder without a usable image: what was found and why each failed. */
function describeEmptyFolder(root: string, listing: ImageListing, skipped: SkippedFile[]): string {
  const lines = [`No usable images in ${root}.`];
  if (listing.images.length === 0) {
    lines.push('It contains no .png, .jpg or .jpeg files.');
    lines.push('Subfolders were searched, but hidden files and __MACOSX folders are ignored.');
  } else {
    lines.push(`None of its ${listing.images.length} .png, .jpg or .jpeg files could be decoded.`);
  }
  if (skipped.length > 0) {
    lines.push(`Skipped ${skipped.length} files:`);
    for (const { file, reason } of skipped.slice(0, MAX_LISTED_SKIPS)) lines.push(`  ${file}: ${reason}`);
    if (skipped.length > MAX_LISTED_SKIPS) lines.push(`  ... and ${skipped.length - MAX_LISTED_SKIPS} more`);
  }
  if (listing.otherFiles > 0) lines.push(`Ignored ${listing.otherFiles} files of other types.`);
  return lines.join('\n');
}
