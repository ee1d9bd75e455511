// `pixelgan doctor`: which backends load here, which one is active, and why others do not.

import { BACKEND_ENV_VAR, createNodeBackend, nodeBackendLoaders } from '../backend/node.js';
import { probeBackends } from '../backend/registry.js';
import { parseOptions } from './args.js';

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
  console.log(`node ${process.version} on ${process.platform}-${process.arch}`);
  for (const result of await probeBackends(nodeBackendLoaders())) {
    const status = result.backend ? `available: ${result.backend.describe()}` : `not available: ${result.reason}`;
    console.log(`  ${result.name.padEnd(6)} ${status}`);
  }
  const selection = await createNodeBackend(v.backend as string | undefined);
  console.log(`active backend: ${selection.backend.name} (${selection.backend.describe()})`);
  return 0;
}
