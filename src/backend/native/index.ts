// Entry point of the native backend (Node only): loads the addon and wraps it as a Backend.

import { createNativeBackend, type NativeBackend } from './backend.js';
import { loadAddon } from './load-addon.js';

export type { NativeBackend } from './backend.js';
export type { RustBackendInfo } from '../rust/info.js';
export { defaultAddonPath } from './load-addon.js';

export interface NativeBackendOptions {
  /** Path of the .node file; defaults to build/native/pixelgan.<platform>.node in the package. */
  path?: string;
  /** SIMD level to force, one of `info().availableLevels`; defaults to the widest. */
  simdLevel?: string;
  /** Maximum threads one call may use; defaults to the number of CPUs. */
  threads?: number;
}

/**
 * Loads the native addon and returns a backend over it. Throws an Error naming the reason
 * when the addon cannot be loaded: not built, built for another platform, stale build, or
 * not running in Node. Throws a RangeError or TypeError for an invalid option.
 */
export function loadNativeBackend(options: NativeBackendOptions = {}): NativeBackend {
  const { addon, file } = loadAddon(options.path);
  const backend = createNativeBackend(addon, file);
  if (options.simdLevel !== undefined) backend.setSimdLevel(options.simdLevel);
  if (options.threads !== undefined) backend.setThreads(options.threads);
  return backend;
}
