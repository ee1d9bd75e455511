// The backends that load on this machine, for tests that run on each of them.

import { nodeBackendLoaders } from '../../src/backend/node.js';
import { probeBackends } from '../../src/backend/registry.js';
import type { Backend } from '../../src/backend/types.js';

/** Returns every backend that loads here. The ts backend always loads. */
export async function loadableBackends(): Promise<Backend[]> {
  const results = await probeBackends(nodeBackendLoaders());
  return results.flatMap((r) => (r.backend ? [r.backend] : []));
}
