// Node-only: finds the image files of a folder tree.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeError } from './errors.js';
import type { SkippedFile } from './image-set.js';

/** Extensions that the folder loader decodes, compared in lower case. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** Image formats that users are likely to have but that no decoder here reads. */
const UNSUPPORTED_IMAGE_EXTENSIONS = [
  '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic', '.heif', '.avif', '.svg', '.ico', '.jxl',
];

/** Folder of extracted resource forks that macOS adds to zip archives. */
const MACOS_ARCHIVE_FOLDER = '__MACOSX';

/** Result of scanning a folder tree. Paths are relative to the scanned root. */
export interface ImageListing {
  /** Files with a .png, .jpg or .jpeg extension in any letter case, in name order folder by folder. */
  images: string[];
  /** Files that look like images but cannot be used, such as .gif or .webp, with why. */
  skipped: SkippedFile[];
  /** Number of other files, such as README.md or labels.csv, which are ignored without a report. */
  otherFiles: number;
}

/** Orders entries by name in UTF-16 code unit order, which does not depend on the locale. */
function compareNames(a: { name: string }, b: { name: string }): number {
  if (a.name < b.name) return -1;
  return a.name > b.name ? 1 : 0;
}

function isHidden(name: string): boolean {
  return name.startsWith('.') || name === MACOS_ARCHIVE_FOLDER;
}

/**
 * Lists the image files under `root`, following subfolders and symbolic links. Hidden files
 * and folders (names starting with ".") and __MACOSX folders are left out without a report.
 * A subfolder that cannot be read is reported in `skipped`, but an unreadable root throws.
 */
export async function listImageFiles(root: string): Promise<ImageListing> {
  const listing: ImageListing = { images: [], skipped: [], otherFiles: 0 };
  const visited = new Set<string>([await realpath(root)]);
  await scanFolder(root, '', listing, visited);
  return listing;
}

async function scanFolder(
  root: string,
  relative: string,
  listing: ImageListing,
  visited: Set<string>,
): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort(compareNames);
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const entryPath = path.join(relative, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        isDirectory = (await stat(path.join(root, entryPath))).isDirectory();
      } catch (error) {
        classifyFile(entryPath, listing, `broken symbolic link: ${describeError(error)}`);
        continue;
      }
    }
    if (isDirectory) {
      await scanSubfolder(root, entryPath, listing, visited);
    } else {
      classifyFile(entryPath, listing);
    }
  }
}

/** Scans a subfolder once, even when symbolic links lead to it from several places or in a loop. */
async function scanSubfolder(
  root: string,
  relative: string,
  listing: ImageListing,
  visited: Set<string>,
): Promise<void> {
  try {
    const real = await realpath(path.join(root, relative));
    if (visited.has(real)) return;
    visited.add(real);
    await scanFolder(root, relative, listing, visited);
  } catch (error) {
    listing.skipped.push({ file: relative, reason: `cannot read folder: ${describeError(error)}` });
  }
}

/** Files a path as an image, an unsupported image or another file. `problem` marks an unreadable image. */
function classifyFile(file: string, listing: ImageListing, problem?: string): void {
  const extension = path.extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(extension)) {
    if (problem === undefined) listing.images.push(file);
    else listing.skipped.push({ file, reason: problem });
  } else if (UNSUPPORTED_IMAGE_EXTENSIONS.includes(extension)) {
    listing.skipped.push({ file, reason: `unsupported format ${extension}: convert it to PNG or JPEG` });
  } else {
    listing.otherFiles++;
  }
}
