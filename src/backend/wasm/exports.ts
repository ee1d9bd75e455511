// The exports of the WASM module (crates/wasm). A tensor argument is three numbers: handle,
// offset and length in elements; handle 0 passes null for an optional tensor. Every function
// returns a status: 0 ok, or the JavaScript error class of the failure, whose message
// pg_message_ptr and pg_message_len locate in memory.

/** Status codes returned by the exports. */
export const STATUS_OK = 0;
export const STATUS_TYPE_ERROR = 1;
export const STATUS_RANGE_ERROR = 2;

/** The `pg_api_version()` this TypeScript code was written for (API_VERSION in crates/wasm). */
export const WASM_API_VERSION = 1;

/** Handle that passes null for an optional tensor. */
export const NO_TENSOR = 0;

/** SIMD level names in the order of `SimdLevel::ALL` in crates/kernels: `pg_set_level` takes the index. */
export const SIMD_LEVEL_NAMES = ['scalar', 'avx2-fma', 'avx512', 'neon', 'simd128'] as const;

/** Activation kinds in the order of ACTIVATION_NAMES in crates/binding: the exports take the index. */
export const ACTIVATION_KINDS = ['identity', 'relu', 'leaky_relu', 'tanh', 'sigmoid'] as const;

type Status = number;
/** Handle, offset and length: the three arguments that pass one tensor to the module. */
export type TensorArgs = [handle: number, offset: number, length: number];

export interface WasmExports {
  memory: WebAssembly.Memory;
  pg_api_version(): number;
  pg_alloc(length: number): Status;
  pg_free(handle: number): Status;
  pg_data_address(handle: number, offset: number, length: number): Status;
  pg_live_tensors(): number;
  pg_result(): number;
  pg_message_ptr(): number;
  pg_message_len(): number;
  pg_info(): Status;
  pg_set_level(code: number): Status;
  pg_set_threads(threads: number): Status;

  pg_matmul(...args: [...TensorArgs, ...TensorArgs, ...TensorArgs, m: number, n: number, k: number, transA: number, transB: number, alpha: number, beta: number]): Status;
  pg_add_bias(...args: [...TensorArgs, ...TensorArgs, rows: number, cols: number]): Status;
  pg_bias_grad(...args: [...TensorArgs, ...TensorArgs, rows: number, cols: number, beta: number]): Status;
  pg_activate(...args: [kind: number, slope: number, ...TensorArgs, ...TensorArgs, n: number]): Status;
  pg_activate_backward(...args: [kind: number, slope: number, ...TensorArgs, ...TensorArgs, ...TensorArgs, n: number]): Status;
  pg_bce_with_logits(...args: [...TensorArgs, ...TensorArgs, ...TensorArgs, n: number, gradScale: number]): Status;
  pg_adam(
    ...args: [...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs, n: number, lr: number, beta1: number, beta2: number, eps: number, step: number]
  ): Status;
  pg_sgd(...args: [...TensorArgs, ...TensorArgs, ...TensorArgs, n: number, lr: number, momentum: number]): Status;
  pg_dense_forward(
    ...args: [...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs, rows: number, inputs: number, outputs: number, kind: number, slope: number]
  ): Status;
  pg_dense_backward(
    ...args: [
      ...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs, ...TensorArgs,
      rows: number, inputs: number, outputs: number, kind: number, slope: number, accumulate: number,
    ]
  ): Status;
}

/** Names of the functions above, checked when a module is instantiated. */
export const EXPORTED_FUNCTIONS = [
  'pg_api_version', 'pg_alloc', 'pg_free', 'pg_data_address', 'pg_live_tensors', 'pg_result',
  'pg_message_ptr', 'pg_message_len', 'pg_info', 'pg_set_level', 'pg_set_threads', 'pg_matmul',
  'pg_add_bias', 'pg_bias_grad', 'pg_activate', 'pg_activate_backward', 'pg_bce_with_logits',
  'pg_adam', 'pg_sgd', 'pg_dense_forward', 'pg_dense_backward',
] as const;
