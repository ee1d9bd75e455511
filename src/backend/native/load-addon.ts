// Finds and loads the Node-API addon from build/native. Every failure becomes an Error that
// names the reason and the fix.

import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { NATIVE_API_VERSION, type NativeAddon } from './addon.js';
import { findPackageRoot } from '../rust/package-root.js';
import { napiPlatformName } from './platform.js';

const BUILD_HINT = 'run `npm run build:rust` (needs a Rust toolchain from https://rustup.rs)';
const ADDON_PREFIX = 'pixelgan.';
const ADDON_SUFFIX = '.node';

export interface LoadedAddon {
  addon: NativeAddon;
  /** Absolute path of the .node file. */
  file: string;
}

/** Returns the default addon path for this platform, e.g. build/native/pixelgan.linux-x64-gnu.node. */
export function defaultAddonPath(): string {
  const folder = join(findPackageRoot(import.meta.url), 'build', 'native');
  return join(folder, `${ADDON_PREFIX}${napiPlatformName()}${ADDON_SUFFIX}`);
}

/** Loads the addon from `file` (default: `defaultAddonPath()`), or throws an Error saying why it cannot. */
export function loadAddon(file?: string): LoadedAddon {
  if (typeof process === 'undefined' || typeof process.versions?.node !== 'string') {
    throw new Error('native backend unavailable: it needs Node.js; use the wasm backend in browsers');
  }
  const path = file ?? defaultAddonPath();
  if (!existsSync(path)) throw new Error(describeMissingAddon(path, file === undefined));

  let exports: unknown;
  try {
    exports = createRequire(import.meta.url)(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`native backend unavailable: cannot load ${path}: ${reason}; ${BUILD_HINT} on this machine`, {
      cause: error,
    });
  }
  return { addon: checkAddon(exports, path), file: path };
}

/**
 * Explains why the addon at `path` is missing. For the default path it names the builds for
 * other platforms in the same folder, if any.
 */
export function describeMissingAddon(path: string, isDefault: boolean): string {
  if (!isDefault) return `native backend unavailable: ${path} not found; check the path or ${BUILD_HINT}`;
  const folder = join(path, '..');
  const others = existsSync(folder)
    ? readdirSync(folder).filter((name) => name.startsWith(ADDON_PREFIX) && name.endsWith(ADDON_SUFFIX))
    : [];
  if (others.length > 0) {
    return (
      `native backend unavailable: ${folder} has ${others.join(', ')}, built for another platform, ` +
      `but this process (${napiPlatformName()}) needs ${path}; ${BUILD_HINT} on this machine`
    );
  }
  return `native backend unavailable: ${path} not found; ${BUILD_HINT}`;
}

function checkAddon(exports: unknown, path: string): NativeAddon {
  const version = typeof exports === 'object' && exports !== null ? (exports as { apiVersion?: unknown }).apiVersion : undefined;
  if (version !== NATIVE_API_VERSION) {
    throw new Error(
      `native backend unavailable: ${path} has API version ${String(version)} but this code needs ` +
        `${NATIVE_API_VERSION}, so the build is stale; ${BUILD_HINT}`,
    );
  }
  return exports as NativeAddon;
}
