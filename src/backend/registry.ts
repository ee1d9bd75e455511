// Picks a backend by priority: the first one that loads wins, and each one that fails to load
// is kept with the reason, for `pixelgan doctor` and for error messages. Browser-safe.

import type { Backend, BackendName } from './types.js';

export interface BackendLoader {
  name: BackendName;
  /** Loads the backend, or throws an Error whose message explains why it cannot load here. */
  load(): Promise<Backend>;
}

export interface SkippedBackend {
  name: BackendName;
  reason: string;
}

export interface BackendSelection {
  backend: Backend;
  /** Backends tried before the chosen one, with the reason each failed to load. */
  skipped: SkippedBackend[];
}

/** Accepted values of a backend request; 'auto' picks the first backend that loads. */
export type BackendRequest = BackendName | 'auto';

/** Throws unless `value` is a backend name or 'auto'. */
export function parseBackendRequest(value: string, known: readonly BackendName[]): BackendRequest {
  if (value === 'auto' || (known as readonly string[]).includes(value)) return value as BackendRequest;
  throw new RangeError(`unknown backend "${value}"; choose one of auto, ${known.join(', ')}`);
}

/**
 * Loads the requested backend, or with 'auto' the first of `loaders` (in priority order) that
 * loads. A named backend that fails to load is an error carrying its reason, never a silent
 * fallback to another backend.
 */
export async function selectBackend(loaders: readonly BackendLoader[], request: BackendRequest = 'auto'): Promise<BackendSelection> {
  if (request !== 'auto') {
    const loader = loaders.find((l) => l.name === request);
    if (loader === undefined) throw new Error(`backend "${request}" is not available here; choose one of ${loaders.map((l) => l.name).join(', ')}`);
    try {
      return { backend: await loader.load(), skipped: [] };
    } catch (error) {
      throw new Error(`the ${request} backend was requested but cannot load: ${reasonOf(error)}`);
    }
  }
  const skipped: SkippedBackend[] = [];
  for (const loader of loaders) {
    try {
      return { backend: await loader.load(), skipped };
    } catch (error) {
      skipped.push({ name: loader.name, reason: reasonOf(error) });
    }
  }
  throw new Error(`no backend could load: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** Loads every backend and reports each one's status, for diagnostics. */
export async function probeBackends(loaders: readonly BackendLoader[]): Promise<{ name: BackendName; backend?: Backend; reason?: string }[]> {
  const results = [];
  for (const loader of loaders) {
    try {
      results.push({ name: loader.name, backend: await loader.load() });
    } catch (error) {
      results.push({ name: loader.name, reason: reasonOf(error) });
    }
  }
  return results;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
