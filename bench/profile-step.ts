// Profile of a training step: times every backend call of Trainer.trainStep(), grouped by
// operation and shape, and prints each group's share of the step with its GFLOP/s.
//
//   node dist/bench/profile-step.js [native|wasm|ts] [seed-768|seed-3072] [threads] [steps]
//
// The time outside backend calls (JavaScript glue, batch sampling, random latent vectors) is
// the step time minus the sum of the groups. Timing each call adds about a microsecond per call.

import { loadNativeBackend } from '../src/backend/native/index.js';
import { createTsBackend } from '../src/backend/ts/index.js';
import type { Backend } from '../src/backend/types.js';
import { loadWasmBackend } from '../src/backend/wasm/node.js';
import { Trainer } from '../src/train/trainer.js';
import { matmulFlops } from './flops.js';
import { loadWorkloadImages } from './images.js';
import { WORKLOADS } from './workloads.js';

interface Group {
  calls: number;
  milliseconds: number;
  flops: number;
}

const WARM_UP_STEPS = 3;
const DEFAULT_STEPS = 50;

/** Returns a group name and the FLOPs of one call, from the operation's name and arguments. */
function classify(operation: string, args: unknown[]): [string, number] {
  if (operation === 'denseForward') {
    const s = args[4] as { rows: number; inputs: number; outputs: number };
    return [`denseForward ${s.rows}x${s.inputs}->${s.outputs}`, matmulFlops(s.rows, s.outputs, s.inputs)];
  }
  if (operation === 'denseBackward') {
    const s = args[7] as { rows: number; inputs: number; outputs: number };
    const parts = [args[5] !== null ? 'dW' : null, args[4] !== null ? 'dX' : null].filter((p) => p !== null);
    const product = matmulFlops(s.rows, s.outputs, s.inputs);
    return [`denseBackward ${s.rows}x${s.inputs}->${s.outputs} ${parts.join('+') || 'dZ only'}`, product * parts.length];
  }
  if (operation === 'adam') return [`adam n=${String(args[4])}`, 0];
  return [operation, 0];
}

/** Wraps every method of `inner` so that its calls are timed into `groups`. */
function timedBackend(inner: Backend, groups: Map<string, Group>): Backend {
  const timed = Object.create(inner) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(inner)).concat(Object.keys(inner))) {
    const method = (inner as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function' || name === 'constructor') continue;
    timed[name] = (...args: unknown[]) => {
      const start = performance.now();
      const result = (method as (...a: unknown[]) => unknown).apply(inner, args);
      const elapsed = performance.now() - start;
      const [key, flops] = classify(name, args);
      const group = groups.get(key) ?? { calls: 0, milliseconds: 0, flops: 0 };
      group.calls += 1;
      group.milliseconds += elapsed;
      group.flops += flops;
      groups.set(key, group);
      return result;
    };
  }
  return timed as unknown as Backend;
}

async function loadBackend(name: string, threads: number): Promise<Backend> {
  if (name === 'native') return loadNativeBackend({ threads });
  if (name === 'wasm') return loadWasmBackend({ simd: 'auto' });
  if (name === 'ts') return createTsBackend();
  throw new RangeError(`unknown backend "${name}"; use native, wasm or ts`);
}

async function main(args: string[]): Promise<void> {
  const [backendName = 'native', workloadId = 'seed-768', threadsText = '2', stepsText = String(DEFAULT_STEPS)] = args;
  const workload = WORKLOADS.find((w) => w.id === workloadId);
  const threads = Number(threadsText);
  const steps = Number(stepsText);
  if (workload === undefined) throw new RangeError(`unknown workload "${workloadId}"; use ${WORKLOADS.map((w) => w.id).join(' or ')}`);
  if (!Number.isSafeInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threadsText}`);
  if (!Number.isSafeInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${stepsText}`);

  const inner = await loadBackend(backendName, threads);
  const groups = new Map<string, Group>();
  const { images } = await loadWorkloadImages(workload);
  const trainer = Trainer.create({
    backend: timedBackend(inner, groups),
    data: images,
    generator: { latentSize: workload.latentSize, hidden: [workload.hidden] },
    discriminator: { hidden: [workload.hidden] },
    options: { batchSize: workload.batchSize },
  });
  for (let i = 0; i < WARM_UP_STEPS; i++) trainer.trainStep();
  groups.clear();
  const start = performance.now();
  for (let i = 0; i < steps; i++) trainer.trainStep();
  const stepMs = (performance.now() - start) / steps;

  console.log(`${inner.describe()}, ${workload.id}: ${stepMs.toFixed(2)} ms per step, ${Math.round((workload.batchSize * 1000) / stepMs)} images/s`);
  const sorted = [...groups].sort((a, b) => b[1].milliseconds - a[1].milliseconds);
  let accounted = 0;
  for (const [key, g] of sorted) {
    const ms = g.milliseconds / steps;
    accounted += ms;
    const gflops = g.flops > 0 ? `${(g.flops / (g.milliseconds * 1e6)).toFixed(1)} GFLOP/s` : '';
    console.log(`${key.padEnd(44)} ${(g.calls / steps).toFixed(0).padStart(3)} calls  ${ms.toFixed(3).padStart(8)} ms  ${((100 * ms) / stepMs).toFixed(1).padStart(5)}%  ${gflops}`);
  }
  console.log(`${'outside backend calls'.padEnd(44)}            ${(stepMs - accounted).toFixed(3).padStart(8)} ms  ${((100 * (stepMs - accounted)) / stepMs).toFixed(1).padStart(5)}%`);
  trainer.dispose();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
