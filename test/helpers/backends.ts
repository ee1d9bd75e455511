// The backends that load on this machine, for tests that run on each of them.

import { nodeBackendLoaders } from '../../src/backend/node.js';
import { probeBackends } from '../../src/backend/registry.js';
import type { Backend } from '../../src/backend/types.js';

/** Every backend that loads here; the ts backend always does. */
export async function loadableBackends(): Promise<Backend[]> {
  const results = await probeBackends(nodeBackendLoaders());
  return results.flatMap((r) => (r.backend ? [r.backend] : []));
}
