//! AVX-512F micro-kernel: an 8 x 32 tile of C in sixteen 512-bit accumulators. Compiled only
//! by Rust 1.89 or newer (`cfg(pixelgan_avx512)`, set by build.rs).
#![cfg(all(target_arch = "x86_64", pixelgan_avx512))]
// The crate's rust-version is 1.63, but this module only exists for compilers 1.89 and newer.
#![allow(clippy::incompatible_msrv)]

use core::arch::x86_64::{
    __m512, _mm512_fmadd_ps, _mm512_loadu_ps, _mm512_set1_ps, _mm512_setzero_ps, _mm512_storeu_ps,
};

/// Rows of C per tile.
pub(crate) const MR: usize = 8;
/// Floats per 512-bit vector.
const LANES: usize = 16;
/// Vectors per tile row.
const VECTORS: usize = 2;
/// Columns of C per tile.
pub(crate) const NR: usize = LANES * VECTORS;

/// Computes one tile of C with AVX-512F; see `blocking::MicroFn` for the contract.
///
/// # Safety
/// As for `blocking::MicroFn`, and the CPU must support AVX-512F (checked by
/// `Engine::with_level`).
#[target_feature(enable = "avx512f")]
pub(crate) unsafe fn micro(
    depth: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    beta: f32,
) {
    let mut acc = [[_mm512_setzero_ps(); VECTORS]; MR];
    let (mut a, mut b) = (a, b);
    for _ in 0..depth {
        let b_row: [__m512; VECTORS] = [_mm512_loadu_ps(b), _mm512_loadu_ps(b.add(LANES))];
        for (r, acc_row) in acc.iter_mut().enumerate() {
            let a_value = _mm512_set1_ps(*a.add(r));
            for (out, &b_vector) in acc_row.iter_mut().zip(&b_row) {
                *out = _mm512_fmadd_ps(a_value, b_vector, *out);
            }
        }
        a = a.add(MR);
        b = b.add(NR);
    }
    let beta_vector = _mm512_set1_ps(beta);
    for (r, acc_row) in acc.iter().enumerate() {
        for (v, &sum) in acc_row.iter().enumerate() {
            let out = c.add(r * ldc + v * LANES);
            let value = if beta == 0.0 {
                sum
            } else {
                _mm512_fmadd_ps(beta_vector, _mm512_loadu_ps(out), sum)
            };
            _mm512_storeu_ps(out, value);
        }
    }
}
