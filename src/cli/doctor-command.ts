// `pixelgan doctor`: which backends load here, which one is active, and why others do not.

import { BACKEND_ENV_VAR, createNodeBackend, nodeBackendLoaders } from '../backend/node.js';
import { probeBackends } from '../backend/registry.js';
import type { Backend } from '../backend/types.js';
import type { RustBackendInfo } from '../backend/rust/info.js';
import { NODE_BACKEND_NAMES } from '../backend/node.js';
import { backendOption, parseOptions } from './args.js';

/** Returns the engine details of a Rust-backed backend, or undefined for the ts backend. */
function rustInfo(backend: Backend): RustBackendInfo | undefined {
  const withInfo = backend as Backend & { info?: () => RustBackendInfo };
  return typeof withInfo.info === 'function' ? withInfo.info() : undefined;
}

export const DOCTOR_HELP = `Usage: pixelgan doctor [--backend NAME]

Prints the backend that pixelgan train would use, every backend that cannot load here with
the reason, and each backend's SIMD level and thread count.

  --backend NAME  check the choice as with train --backend (default auto; also ${BACKEND_ENV_VAR})
  -h, --help      show this help
`;

export async function doctorCommand(argv: string[]): Promise<number> {
  const v = parseOptions(argv, { backend: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, 'doctor');
  if (v.help === true) {
    process.stdout.write(DOCTOR_HELP);
    return 0;
  }
  const backendRequest = backendOption(v, NODE_BACKEND_NAMES);
  console.log(`node ${process.version} on ${process.platform}-${process.arch}`);
  for (const result of await probeBackends(nodeBackendLoaders())) {
    if (result.backend === undefined) {
      console.log(`  ${result.name.padEnd(6)} not available: ${result.reason}`);
      continue;
    }
    console.log(`  ${result.name.padEnd(6)} available: ${result.backend.describe()}`);
    const info = rustInfo(result.backend);
    if (info !== undefined) {
      console.log(`         SIMD level ${info.simdLevel} (supported here: ${info.availableLevels.join(', ')}), ${info.threads} thread(s)`);
      if (info.file !== undefined) console.log(`         loaded from ${info.file}`);
    }
  }
  const selection = await createNodeBackend(backendRequest);
  console.log(`active backend: ${selection.backend.name} (${selection.backend.describe()})`);
  return 0;
}
