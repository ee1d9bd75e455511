#!/usr/bin/env node
// `npm run demo`: builds the demo page into dist/demo and serves it on 127.0.0.1.
//
// Usage: node scripts/demo.mjs [--port N] [--build-only]

import { parseArgs } from 'node:util';
import { buildDemo } from './demo/build.mjs';
import { serveDemo } from './demo/serve.mjs';

const DEFAULT_PORT = 8765;
const HELP = `Usage: npm run demo -- [--port N] [--build-only]

Builds the pixelgan demo page into dist/demo and serves it on 127.0.0.1.

  --port N       TCP port to serve on (default ${DEFAULT_PORT}; 0 picks a free port)
  --build-only   build dist/demo and exit without serving
  -h, --help     show this help
`;

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'build-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);

  const built = await buildDemo();
  for (const warning of built.warnings) console.warn(`demo: warning: ${warning}`);
  console.log(`demo: built ${built.outDir} (${built.images} bundled images; WASM: ${built.wasm.join(', ') || 'none'})`);
  if (values['build-only']) return;

  const server = await serveDemo({ rootDir: built.outDir, port, log: (line) => console.log(`demo: ${line}`) });
  console.log(`demo: serving at ${server.url} (Ctrl-C stops)`);
  process.once('SIGINT', () => {
    console.log('demo: stopping');
    server.close().then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(`demo: error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
