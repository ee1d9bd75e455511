// Engine description of a Rust-backed backend, for `describe()` and the `doctor` command.

export interface RustBackendInfo {
  backend: 'native' | 'wasm';
  /** Build that runs: 'native', 'wasm-simd', 'wasm-scalar', or 'wasm-custom' for caller-given bytes. */
  build: string;
  /** File the build was loaded from, when it came from disk. */
  file?: string;
  /** Active SIMD level, e.g. "avx512" or "simd128". */
  simdLevel: string;
  /** Levels this CPU and build support, from the most portable to the widest. */
  availableLevels: string[];
  /** Maximum threads one kernel call may use. */
  threads: number;
}
