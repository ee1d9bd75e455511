// Locates the pixelgan package folder, which contains build/native and build/wasm, from a
// module URL inside it. Works both from src/ (tests) and from dist/src/ (the published build).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'pixelgan';

/** Returns the nearest folder above `moduleUrl` whose package.json names pixelgan. */
export function findPackageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  let folder = start;
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) return folder;
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`cannot find the pixelgan package folder above ${start}: no package.json named "${PACKAGE_NAME}"`);
    }
    folder = parent;
  }
}

function readPackageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'name' in parsed) return String(parsed.name);
  } catch {
    // An unreadable or invalid package.json belongs to some other package; keep looking.
  }
  return undefined;
}
