// The timed cases: one matrix multiply, one dense layer forward + backward and one training
// step for each workload. A case owns its tensors: build it, time `run`, then `dispose` it.

import type { Activation, Backend, Tensor } from '../src/backend/types.js';
import { Rng } from '../src/random/rng.js';
import { Trainer } from '../src/train/trainer.js';
import { denseForwardBackwardFlops, matmulFlops, trainingStepFlops } from './flops.js';
import type { WorkloadImages } from './images.js';
import { pixelsPerImage, SEED_3072, SEED_768, type Workload, type WorkloadId } from './workloads.js';

export type CaseKind = 'matmul' | 'dense' | 'train';

/** Rows, inner size and columns of C[rows, columns] = A[rows, inner] * B[inner, columns]. */
export interface ProductShape {
  rows: number;
  inner: number;
  columns: number;
}

export interface CaseSpec {
  /** e.g. "matmul-768" or "train-seed-3072". */
  id: string;
  kind: CaseKind;
  workload: Workload;
  /** The product of a matmul case, or rows x inputs -> outputs of a dense case. Train cases use D's first layer. */
  shape: ProductShape;
  /** One line for tables and the chart, e.g. "(64x768)*(768x768)". */
  label: string;
  /** FLOPs of one call of the case, counted as flops.ts describes. */
  flopsPerCall: number;
  /** Images trained on per call, which is the G batch of one training step, or 0 for the other cases. */
  imagesPerCall: number;
}

/** A case ready to time. `run` does one call of the operation. */
export interface BenchCase {
  spec: CaseSpec;
  run(): void;
  dispose(): void;
}

/** LeakyReLU as in the workloads' hidden layers. */
const LEAKY_RELU: Activation = { kind: 'leaky_relu', slope: 0.2 };
/** Seed of the random matrices. Any fixed value gives the same timings. */
const DATA_SEED = 7;

function hotShape(workload: Workload): ProductShape {
  // The widest product of each workload: D's first layer, [batch, image] x [image, hidden].
  return { rows: workload.batchSize, inner: pixelsPerImage(workload), columns: workload.hidden };
}

function productLabel(s: ProductShape): string {
  return `(${s.rows}x${s.inner})*(${s.inner}x${s.columns})`;
}

function matmulSpec(workload: Workload): CaseSpec {
  const shape = hotShape(workload);
  return {
    id: `matmul-${pixelsPerImage(workload)}`,
    kind: 'matmul',
    workload,
    shape,
    label: productLabel(shape),
    flopsPerCall: matmulFlops(shape.rows, shape.columns, shape.inner),
    imagesPerCall: 0,
  };
}

function denseSpec(workload: Workload): CaseSpec {
  const shape = hotShape(workload);
  return {
    id: `dense-${pixelsPerImage(workload)}`,
    kind: 'dense',
    workload,
    shape,
    label: `dense ${shape.rows}x${shape.inner}->${shape.columns}, fwd+bwd`,
    flopsPerCall: denseForwardBackwardFlops(shape.rows, shape.inner, shape.columns),
    imagesPerCall: 0,
  };
}

function trainSpec(workload: Workload): CaseSpec {
  return {
    id: `train-${workload.id}`,
    kind: 'train',
    workload,
    shape: hotShape(workload),
    label: `${workload.id} training step`,
    flopsPerCall: trainingStepFlops(workload).total,
    imagesPerCall: workload.batchSize,
  };
}

/** Every case, in the order the tables list them. */
export const CASE_SPECS: readonly CaseSpec[] = [
  matmulSpec(SEED_768),
  matmulSpec(SEED_3072),
  denseSpec(SEED_768),
  denseSpec(SEED_3072),
  trainSpec(SEED_768),
  trainSpec(SEED_3072),
];

/** Returns `length` standard normal values times `scale`, from a fixed seed. */
export function randomValues(length: number, scale: number, seed = DATA_SEED): Float32Array {
  const values = new Rng(seed).fillNormal(new Float32Array(length));
  for (let i = 0; i < length; i++) values[i] *= scale;
  return values;
}

function allocFilled(backend: Backend, values: Float32Array): Tensor {
  const tensor = backend.alloc(values.length);
  backend.write(tensor, values);
  return tensor;
}

/** C[rows, columns] <- A[rows, inner] * B[inner, columns], both stored untransposed. */
function matmulCase(spec: CaseSpec, backend: Backend): BenchCase {
  const { rows, inner, columns } = spec.shape;
  const a = allocFilled(backend, randomValues(rows * inner, 1, DATA_SEED));
  const b = allocFilled(backend, randomValues(inner * columns, 1 / Math.sqrt(inner), DATA_SEED + 1));
  const c = backend.alloc(rows * columns);
  const shape = { m: rows, n: columns, k: inner, transA: false, transB: false, alpha: 1, beta: 0 };
  return {
    spec,
    run: () => backend.matmul(a, b, c, shape),
    dispose: () => [a, b, c].forEach((t) => backend.free(t)),
  };
}

/**
 * Runs one dense layer as training does: forward with LeakyReLU, then backward with dX, dW
 * and db. Backward overwrites dY with dZ, so each call first writes dY again, a copy of
 * rows * outputs values. Without it, repeated calls would shrink dY towards subnormal numbers.
 */
function denseCase(spec: CaseSpec, backend: Backend): BenchCase {
  const { rows, inner: inputs, columns: outputs } = spec.shape;
  const shape = { rows, inputs, outputs };
  const x = allocFilled(backend, randomValues(rows * inputs, 1, DATA_SEED));
  const w = allocFilled(backend, randomValues(outputs * inputs, 1 / Math.sqrt(inputs), DATA_SEED + 1));
  const b = backend.alloc(outputs);
  const y = backend.alloc(rows * outputs);
  const gradientValues = randomValues(rows * outputs, 1, DATA_SEED + 2);
  const dy = backend.alloc(rows * outputs);
  const dx = backend.alloc(rows * inputs);
  const dw = backend.alloc(outputs * inputs);
  const db = backend.alloc(outputs);
  return {
    spec,
    run: () => {
      backend.denseForward(x, w, b, y, shape, LEAKY_RELU);
      backend.write(dy, gradientValues);
      backend.denseBackward(x, w, y, dy, dx, dw, db, shape, LEAKY_RELU, false);
    },
    dispose: () => [x, w, b, y, dy, dx, dw, db].forEach((t) => backend.free(t)),
  };
}

/** Runs one `Trainer.trainStep()`: a D step and a G step on the workload's networks. */
function trainCase(spec: CaseSpec, backend: Backend, images: WorkloadImages): BenchCase {
  const { workload } = spec;
  const trainer = Trainer.create({
    backend,
    data: images.images,
    generator: { latentSize: workload.latentSize, hidden: [workload.hidden] },
    discriminator: { hidden: [workload.hidden] },
    options: { batchSize: workload.batchSize },
  });
  return {
    spec,
    run: () => {
      trainer.trainStep();
    },
    dispose: () => trainer.dispose(),
  };
}

/** Builds a case on `backend`. Train cases need the workload's images. */
export function buildCase(spec: CaseSpec, backend: Backend, images: ReadonlyMap<WorkloadId, WorkloadImages>): BenchCase {
  if (spec.kind === 'matmul') return matmulCase(spec, backend);
  if (spec.kind === 'dense') return denseCase(spec, backend);
  const workloadImages = images.get(spec.workload.id);
  if (workloadImages === undefined) throw new Error(`no images were loaded for workload ${spec.workload.id}`);
  return trainCase(spec, backend, workloadImages);
}
