// Backend selection in Node: native addon, then WASM, then pure TypeScript.

import { createTsBackend } from './ts/index.js';
import { parseBackendRequest, selectBackend, type BackendLoader, type BackendRequest, type BackendSelection } from './registry.js';
import type { BackendName } from './types.js';

/** Environment variable that overrides the backend choice when no option sets it. */
export const BACKEND_ENV_VAR = 'PIXELGAN_BACKEND';

/** Returns the Node backend loaders in priority order. Each module is imported only when its loader runs. */
export function nodeBackendLoaders(): BackendLoader[] {
  return [
    { name: 'native', load: async () => (await import('./native/index.js')).loadNativeBackend() },
    { name: 'wasm', load: async () => (await import('./wasm/node.js')).loadWasmBackend() },
    { name: 'ts', load: async () => createTsBackend() },
  ];
}

export const NODE_BACKEND_NAMES: readonly BackendName[] = ['native', 'wasm', 'ts'];

/**
 * Loads the backend named by `request`, else by the PIXELGAN_BACKEND variable of `env`, else
 * the first that loads.
 */
export async function createNodeBackend(request?: string, env: Record<string, string | undefined> = process.env): Promise<BackendSelection> {
  // An empty variable counts as unset, as shells and most tools treat it.
  const fromEnv = env[BACKEND_ENV_VAR]?.trim() === '' ? undefined : env[BACKEND_ENV_VAR];
  const text = request ?? fromEnv ?? 'auto';
  let parsed: BackendRequest;
  try {
    parsed = parseBackendRequest(text.trim(), NODE_BACKEND_NAMES);
  } catch (error) {
    const source = request === undefined && fromEnv !== undefined ? `${BACKEND_ENV_VAR}=${text}: ` : '';
    throw new RangeError(source + (error as Error).message);
  }
  return selectBackend(nodeBackendLoaders(), parsed);
}
