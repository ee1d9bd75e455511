//! NEON micro-kernel for aarch64: an 8 x 12 tile of C in twenty-four 128-bit accumulators,
//! which with three vectors of B and the broadcast A values fits the 32 vector registers.
#![cfg(all(target_arch = "aarch64", target_feature = "neon"))]

use core::arch::aarch64::{float32x4_t, vdupq_n_f32, vfmaq_f32, vld1q_f32, vst1q_f32};

/// Rows of C per tile.
pub(crate) const MR: usize = 8;
/// Floats per 128-bit vector.
const LANES: usize = 4;
/// Vectors per tile row.
const VECTORS: usize = 3;
/// Columns of C per tile.
pub(crate) const NR: usize = LANES * VECTORS;

/// Computes one tile of C with NEON; see `blocking::MicroFn` for the contract.
///
/// # Safety
/// As for `blocking::MicroFn`. The module is compiled only for targets with NEON enabled.
pub(crate) unsafe fn micro(
    depth: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    beta: f32,
) {
    let mut acc = [[vdupq_n_f32(0.0); VECTORS]; MR];
    let (mut a, mut b) = (a, b);
    for _ in 0..depth {
        let b_row: [float32x4_t; VECTORS] = [
            vld1q_f32(b),
            vld1q_f32(b.add(LANES)),
            vld1q_f32(b.add(2 * LANES)),
        ];
        for (r, acc_row) in acc.iter_mut().enumerate() {
            let a_value = vdupq_n_f32(*a.add(r));
            for (out, &b_vector) in acc_row.iter_mut().zip(&b_row) {
                // vfmaq_f32(acc, x, y) computes acc + x * y.
                *out = vfmaq_f32(*out, b_vector, a_value);
            }
        }
        a = a.add(MR);
        b = b.add(NR);
    }
    let beta_vector = vdupq_n_f32(beta);
    for (r, acc_row) in acc.iter().enumerate() {
        for (v, &sum) in acc_row.iter().enumerate() {
            let out = c.add(r * ldc + v * LANES);
            let value = if beta == 0.0 {
                sum
            } else {
                vfmaq_f32(sum, vld1q_f32(out), beta_vector)
            };
            vst1q_f32(out, value);
        }
    }
}
