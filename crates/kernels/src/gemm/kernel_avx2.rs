//! AVX2 + FMA micro-kernel: a 6 x 16 tile of C in twelve 256-bit accumulators, which with
//! two vectors of B and one broadcast of A uses 15 of the 16 ymm registers.
#![cfg(target_arch = "x86_64")]

use core::arch::x86_64::{
    __m256, _mm256_broadcast_ss, _mm256_fmadd_ps, _mm256_loadu_ps, _mm256_set1_ps,
    _mm256_setzero_ps, _mm256_storeu_ps,
};

/// Rows of C per tile.
pub(crate) const MR: usize = 6;
/// Floats per 256-bit vector.
const LANES: usize = 8;
/// Vectors per tile row.
const VECTORS: usize = 2;
/// Columns of C per tile.
pub(crate) const NR: usize = LANES * VECTORS;

/// Computes one tile of C with AVX2 and FMA; see `blocking::MicroFn` for the contract.
///
/// # Safety
/// As for `blocking::MicroFn`, and the CPU must support AVX2 and FMA (checked by
/// `Engine::with_level`).
#[target_feature(enable = "avx2,fma")]
pub(crate) unsafe fn micro(
    depth: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    beta: f32,
) {
    let mut acc = [[_mm256_setzero_ps(); VECTORS]; MR];
    let (mut a, mut b) = (a, b);
    for _ in 0..depth {
        let b_row: [__m256; VECTORS] = [_mm256_loadu_ps(b), _mm256_loadu_ps(b.add(LANES))];
        for (r, acc_row) in acc.iter_mut().enumerate() {
            let a_value = _mm256_broadcast_ss(&*a.add(r));
            for (out, &b_vector) in acc_row.iter_mut().zip(&b_row) {
                *out = _mm256_fmadd_ps(a_value, b_vector, *out);
            }
        }
        a = a.add(MR);
        b = b.add(NR);
    }
    let beta_vector = _mm256_set1_ps(beta);
    for (r, acc_row) in acc.iter().enumerate() {
        for (v, &sum) in acc_row.iter().enumerate() {
            let out = c.add(r * ldc + v * LANES);
            let value = if beta == 0.0 {
                sum
            } else {
                _mm256_fmadd_ps(beta_vector, _mm256_loadu_ps(out), sum)
            };
            _mm256_storeu_ps(out, value);
        }
    }
}
