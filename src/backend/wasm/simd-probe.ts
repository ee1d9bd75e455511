// Detects WebAssembly SIMD support without downloading a module, so that a browser can fetch
// only the build it can run. Browser-safe: no Node imports.

/**
 * The smallest module that uses a SIMD instruction: one function of type () -> v128 whose
 * body is `i32.const 0; i8x16.splat; end`. Engines without SIMD reject the v128 type and the
 * 0xfd-prefixed opcode.
 */
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: 1 type, func () -> (v128)
  0x03, 0x02, 0x01, 0x00, // function section: 1 function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: no locals, i32.const 0, i8x16.splat, end
]);

/** Returns whether this JavaScript engine runs WebAssembly SIMD (128-bit vectors). */
export function wasmSimdSupported(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}
