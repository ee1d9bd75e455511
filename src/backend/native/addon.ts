// The functions exported by the Node-API addon (crates/node). Every function checks its
// arguments and throws a TypeError or RangeError that names the argument. The numbers after
// the Float32Arrays give their shapes. An activation is passed as its kind name and its
// LeakyReLU slope, which the other kinds ignore.

/** Engine settings of the addon instance. */
export interface AddonInfo {
  /** Active SIMD level, e.g. "avx512". */
  level: string;
  /** Levels this CPU and build support, from the most portable to the widest. */
  availableLevels: string[];
  /** Maximum threads one call may use. */
  threads: number;
}

export interface NativeAddon {
  /** Version of these signatures; must equal NATIVE_API_VERSION. */
  readonly apiVersion: number;
  info(): AddonInfo;
  /** Switches all callers of this addon instance (one per thread) to a SIMD level. */
  setSimdLevel(level: string): void;
  setThreads(threads: number): void;

  matmul(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    alpha: number,
    beta: number,
  ): void;
  addBias(y: Float32Array, bias: Float32Array, rows: number, cols: number): void;
  biasGrad(dy: Float32Array, db: Float32Array, rows: number, cols: number, beta: number): void;
  activate(kind: string, slope: number, x: Float32Array, y: Float32Array, n: number): void;
  activateBackward(kind: string, slope: number, y: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void;
  bceWithLogits(logits: Float32Array, targets: Float32Array, grad: Float32Array, n: number, gradScale: number): number;
  adam(
    param: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    n: number,
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    step: number,
  ): void;
  sgd(param: Float32Array, grad: Float32Array, velocity: Float32Array | null, n: number, lr: number, momentum: number): void;
  denseForward(
    x: Float32Array,
    w: Float32Array,
    b: Float32Array,
    y: Float32Array,
    rows: number,
    inputs: number,
    outputs: number,
    kind: string,
    slope: number,
  ): void;
  denseBackward(
    x: Float32Array,
    w: Float32Array,
    y: Float32Array,
    dy: Float32Array,
    dx: Float32Array | null,
    dw: Float32Array | null,
    db: Float32Array | null,
    rows: number,
    inputs: number,
    outputs: number,
    kind: string,
    slope: number,
    accumulate: boolean,
  ): void;
}

/** The `apiVersion` this TypeScript code was written for (API_VERSION in crates/node). */
export const NATIVE_API_VERSION = 1;
