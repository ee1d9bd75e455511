//! WebAssembly SIMD micro-kernel: a 4 x 8 tile of C in eight 128-bit accumulators.
//!
//! V8 maps v128 values to the 16 xmm registers of x86_64, so the tile is kept small enough
//! that the accumulators, two vectors of B and the broadcast values of A are never spilled.
//! WebAssembly SIMD has no fused multiply-add, so each step is a multiply and an add. In Node
//! 20 on Zen 4 this tile beat 5 x 8, 6 x 8 and 3 x 12 tiles and unrolled variants.
//! NOTE: it reaches about 34 GFLOP/s on 64 x 768 x 768 there, a third of the AVX-512 kernel,
//! because each k step costs V8 about 31 x86 instructions for 64 flops.
#![cfg(all(target_arch = "wasm32", target_feature = "simd128"))]

use core::arch::wasm32::{
    f32x4_add, f32x4_mul, f32x4_splat, i32x4_shuffle, v128, v128_load, v128_store,
};

/// Rows of C per tile; `micro` loads them as one vector, so this must equal LANES.
pub(crate) const MR: usize = 4;
/// Floats per 128-bit vector.
const LANES: usize = 4;
/// Vectors per tile row.
const VECTORS: usize = 2;
/// Columns of C per tile.
pub(crate) const NR: usize = LANES * VECTORS;

/// Computes one tile of C with WebAssembly SIMD; see `blocking::MicroFn` for the contract.
///
/// # Safety
/// As for `blocking::MicroFn`. WebAssembly loads and stores have no alignment requirement.
pub(crate) unsafe fn micro(
    depth: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    beta: f32,
) {
    let mut acc = [[f32x4_splat(0.0); VECTORS]; MR];
    for p in 0..depth {
        let b_step = b.add(p * NR);
        let b_row = [
            v128_load(b_step as *const v128),
            v128_load(b_step.add(LANES) as *const v128),
        ];
        // One load of the MR values of A, then a lane splat for each row, which V8 compiles to
        // one shuffle instead of an address computation and a broadcast load per row.
        let a_column = v128_load(a.add(p * MR) as *const v128);
        let a_values = [
            i32x4_shuffle::<0, 0, 0, 0>(a_column, a_column),
            i32x4_shuffle::<1, 1, 1, 1>(a_column, a_column),
            i32x4_shuffle::<2, 2, 2, 2>(a_column, a_column),
            i32x4_shuffle::<3, 3, 3, 3>(a_column, a_column),
        ];
        for (acc_row, &a_value) in acc.iter_mut().zip(&a_values) {
            for (out, &b_vector) in acc_row.iter_mut().zip(&b_row) {
                *out = f32x4_add(*out, f32x4_mul(a_value, b_vector));
            }
        }
    }
    let beta_vector = f32x4_splat(beta);
    for (r, acc_row) in acc.iter().enumerate() {
        for (v, &sum) in acc_row.iter().enumerate() {
            let out = c.add(r * ldc + v * LANES) as *mut v128;
            let value = if beta == 0.0 {
                sum
            } else {
                f32x4_add(sum, f32x4_mul(beta_vector, v128_load(out)))
            };
            v128_store(out, value);
        }
    }
}
