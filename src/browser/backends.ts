// Backend selection in a browser: the WASM backend, then pure TypeScript. The native addon
// exists only in Node, so it is not a choice here.

import { createTsBackend } from '../backend/ts/index.js';
import { parseBackendRequest, selectBackend, type BackendLoader, type BackendSelection } from '../backend/registry.js';
import type { BackendName } from '../backend/types.js';
import { loadWasmBackendInBrowser, type BrowserWasmOptions } from './wasm-loader.js';

/** The browser backends in priority order. */
export const BROWSER_BACKEND_NAMES: readonly BackendName[] = ['wasm', 'ts'];

/** Returns the browser backends in priority order. `options` sets where the .wasm files are. */
export function browserBackendLoaders(options: BrowserWasmOptions = {}): BackendLoader[] {
  return [
    { name: 'wasm', load: () => loadWasmBackendInBrowser(options) },
    { name: 'ts', load: async () => createTsBackend() },
  ];
}

/**
 * Loads the backend named by `request` ('wasm' or 'ts'), or with 'auto' (the default) the
 * first that loads. The returned `skipped` list gives the reason each earlier one failed.
 */
export async function createBrowserBackend(request = 'auto', options: BrowserWasmOptions = {}): Promise<BackendSelection> {
  const text = request.trim();
  if (text === 'native') {
    throw new RangeError('the native backend runs only in Node; in a browser choose auto, wasm or ts');
  }
  return selectBackend(browserBackendLoaders(options), parseBackendRequest(text, BROWSER_BACKEND_NAMES));
}
