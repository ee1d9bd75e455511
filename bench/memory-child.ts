// Child process of bench/memory.ts: measures how much resident memory seed-768 training adds
// on one backend. Run as `node --expose-gc dist/bench/memory-child.js BACKEND STEPS`, it
// prints one JSON line (a MemoryReading) on stdout.
//
// The baseline is taken after the backend and the images are loaded and a garbage collection,
// just before the trainer is created, so it counts what training itself adds: parameters,
// gradients, Adam moments, activations and the backend's scratch memory.

import { loadNativeBackend } from '../src/backend/native/index.js';
import { createTsBackend } from '../src/backend/ts/index.js';
import type { Backend } from '../src/backend/types.js';
import { loadWasmBackend } from '../src/backend/wasm/node.js';
import { Trainer } from '../src/train/trainer.js';
import { loadWorkloadImages } from './images.js';
import { MEMORY_BACKENDS, type MemoryBackend, type MemoryReading } from './memory.js';
import { SEED_768 } from './workloads.js';

async function loadBackend(name: MemoryBackend): Promise<Backend> {
  if (name === 'native') return loadNativeBackend();
  if (name === 'wasm-simd') return loadWasmBackend({ simd: true });
  if (name === 'wasm-scalar') return loadWasmBackend({ simd: false });
  return createTsBackend();
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('memory-child needs node --expose-gc');
  gc();
}

async function measure(name: MemoryBackend, steps: number): Promise<MemoryReading> {
  const backend = await loadBackend(name);
  const { images } = await loadWorkloadImages(SEED_768);
  collectGarbage();
  const rssBeforeBytes = process.memoryUsage.rss();

  const trainer = Trainer.create({
    backend,
    data: images,
    generator: { latentSize: SEED_768.latentSize, hidden: [SEED_768.hidden] },
    discriminator: { hidden: [SEED_768.hidden] },
    options: { batchSize: SEED_768.batchSize },
  });
  let rssPeakBytes = rssBeforeBytes;
  for (let step = 0; step < steps; step++) {
    trainer.trainStep();
    rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
  }
  collectGarbage();
  const rssAfterBytes = process.memoryUsage.rss();
  return { backend: name, description: backend.describe(), steps, rssBeforeBytes, rssAfterBytes, rssPeakBytes: Math.max(rssPeakBytes, rssAfterBytes) };
}

async function main(args: string[]): Promise<void> {
  const [name, stepsText] = args;
  const steps = Number(stepsText);
  if (!(MEMORY_BACKENDS as readonly string[]).includes(name) || !Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`usage: node --expose-gc memory-child.js ${MEMORY_BACKENDS.join('|')} STEPS; got ${args.join(' ')}`);
  }
  process.stdout.write(`${JSON.stringify(await measure(name as MemoryBackend, steps))}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
