// The Node entry point of the pixelgan library.

export * from './core.js';
export { createNodeBackend, nodeBackendLoaders, BACKEND_ENV_VAR } from './backend/node.js';
export { readCheckpointFile, saveCheckpointFile } from './checkpoint/checkpoint-file.js';
export { writeFileAtomic } from './checkpoint/atomic-file.js';
export { encodePng, writePng } from './image/write-png.js';
export * from './data/index.js';
