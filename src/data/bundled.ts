// Node-only: the default dataset that ships inside the package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError } from './errors.js';
import { loadImageFolder } from './folder.js';
import type { ImageSet } from './image-set.js';
import type { LoadOptions } from './options.js';

const PACKAGE_NAME = 'pixelgan';
const BUNDLED_FOLDER = ['data', 'emoji'];
/** Maximum folders to climb from this module to the package root: 2 from src/data, 3 from dist/src/data. */
const MAX_LEVELS_UP = 4;

/**
 * Returns the folder of the bundled emoji, found from this module's own location, so it works
 * from any working directory, from the TypeScript sources and from the compiled dist/ folder.
 * Throws a DatasetError when the package has no data/emoji folder.
 */
export function bundledDatasetDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level <= MAX_LEVELS_UP; level++) {
    if (isPackageRoot(dir)) {
      const folder = path.join(dir, ...BUNDLED_FOLDER);
      if (existsSync(folder)) return folder;
      throw new DatasetError(`The bundled dataset is missing: ${folder} does not exist. Reinstall pixelgan.`);
    }
    dir = path.dirname(dir);
  }
  throw new DatasetError(`Cannot find the pixelgan package root above ${fileURLToPath(import.meta.url)}`);
}

function isPackageRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/**
 * Loads the bundled dataset: about 1,500 Noto Color Emoji at 32x32, composited on white (see
 * data/emoji/README.md). It goes through the folder loader, so `size` applies. The PNGs have no
 * alpha channel, so `background` changes nothing.
 */
export async function loadBundledDataset(options: LoadOptions): Promise<ImageSet> {
  const set = await loadImageFolder(bundledDatasetDir(), options);
  return { ...set, name: 'emoji (bundled)' };
}
