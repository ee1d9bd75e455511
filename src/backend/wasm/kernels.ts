// A WASM module instance with status handling: every call's failure becomes a TypeError,
// RangeError or Error carrying the module's message, and a trap marks the instance unusable.
// Browser-safe: no Node imports.

import { EXPORTED_FUNCTIONS, STATUS_OK, STATUS_RANGE_ERROR, STATUS_TYPE_ERROR, WASM_API_VERSION, type WasmExports } from './exports.js';

const utf8 = new TextDecoder();

export class WasmKernels {
  /** Set after a trap: the module's memory may be inconsistent, so no further call is made. */
  private trapped: Error | null = null;

  private constructor(readonly exports: WasmExports) {}

  /** Instantiates a module (compiled, or its bytes) and checks that its exports match this code. */
  static async instantiate(source: WebAssembly.Module | BufferSource): Promise<WasmKernels> {
    const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
    const instance = await WebAssembly.instantiate(module, {});
    return new WasmKernels(checkExports(instance.exports));
  }

  /**
   * Runs one export and returns `pg_result()`. Throws the module's error when the status is
   * not ok, and an Error when the module traps (a bug, never an argument problem).
   */
  call(operation: string, run: (exports: WasmExports) => number): number {
    if (this.trapped !== null) {
      throw new Error(`${operation}: this WASM backend stopped after an internal error; create a new backend`, {
        cause: this.trapped,
      });
    }
    let status: number;
    try {
      status = run(this.exports);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      this.trapped = error;
      throw new Error(`${operation}: internal error in the pixelgan WASM module (${error.message}); please report it`, {
        cause: error,
      });
    }
    if (status !== STATUS_OK) throw this.error(status);
    return this.exports.pg_result();
  }

  /** Returns the module's last message: an error or the output of pg_info. */
  message(): string {
    const bytes = new Uint8Array(this.exports.memory.buffer, this.exports.pg_message_ptr(), this.exports.pg_message_len());
    return utf8.decode(bytes);
  }

  /**
   * Returns a view of `length` floats at byte `address`. Memory growth replaces
   * `memory.buffer`, so use the view at once and never keep it across calls.
   */
  floats(address: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, address, length);
  }

  private error(status: number): Error {
    const message = this.message();
    if (status === STATUS_TYPE_ERROR) return new TypeError(message);
    if (status === STATUS_RANGE_ERROR) return new RangeError(message);
    return new Error(message);
  }
}

function checkExports(exports: WebAssembly.Exports): WasmExports {
  const missing = EXPORTED_FUNCTIONS.filter((name) => typeof exports[name] !== 'function');
  if (!(exports.memory instanceof WebAssembly.Memory)) missing.push('memory' as never);
  if (missing.length > 0) {
    throw new Error(`wasm backend unavailable: the module lacks ${missing.join(', ')}; it is not a pixelgan build`);
  }
  const typed = exports as unknown as WasmExports;
  const version = typed.pg_api_version();
  if (version !== WASM_API_VERSION) {
    throw new Error(
      `wasm backend unavailable: the module has API version ${version} but this code needs ${WASM_API_VERSION}, ` +
        'so the build is stale; run `npm run build:rust`',
    );
  }
  return typed;
}
