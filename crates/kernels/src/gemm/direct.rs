//! Unpacked loops for products too small to repay packing, such as the 2x2 toy model.

use super::{GemmShape, MatRef};

/// Largest m * n * k computed without packing. On Zen 4 at the AVX-512 level with one thread,
/// these loops were faster than the packed path up to 4 x 8 x 8. From 8 x 4 x 16 and 8 x 8 x 8
/// on they were slower, because the micro-kernels vectorize far better than these loops.
const DIRECT_MAX_WORK: usize = 256;

/// Returns whether the product is small enough for `gemm_direct`.
pub(crate) fn is_small(s: &GemmShape) -> bool {
    s.m.saturating_mul(s.n).saturating_mul(s.k) <= DIRECT_MAX_WORK
}

/// Computes C <- alpha * op(A) * op(B) + beta * C with plain loops. The caller has checked the
/// shape and handled m, n or k = 0 and alpha = 0.
pub(crate) fn gemm_direct(s: &GemmShape, a: MatRef, b: MatRef, c: &mut [f32]) {
    for (i, c_row) in c.chunks_mut(s.ldc).take(s.m).enumerate() {
        let c_row = &mut c_row[..s.n];
        if s.beta == 0.0 {
            c_row.iter_mut().for_each(|x| *x = 0.0);
        } else if s.beta != 1.0 {
            c_row.iter_mut().for_each(|x| *x *= s.beta);
        }
        if b.trans {
            add_row_dots(s, a, b, i, c_row);
        } else {
            add_row_combination(s, a, b, i, c_row);
        }
    }
}

/// Returns op(A)[i, p].
fn a_at(a: MatRef, i: usize, p: usize) -> f32 {
    if a.trans {
        a.data[p * a.ld + i]
    } else {
        a.data[i * a.ld + p]
    }
}

/// C[i, :] += alpha * sum over p of op(A)[i, p] * B[p, :], for B stored as [k, n].
fn add_row_combination(s: &GemmShape, a: MatRef, b: MatRef, i: usize, c_row: &mut [f32]) {
    for p in 0..s.k {
        let scale = s.alpha * a_at(a, i, p);
        let b_row = &b.data[p * b.ld..p * b.ld + s.n];
        for (out, &value) in c_row.iter_mut().zip(b_row) {
            *out += scale * value;
        }
    }
}

/// C[i, j] += alpha * dot(op(A)[i, :], B[j, :]), for B stored as [n, k].
fn add_row_dots(s: &GemmShape, a: MatRef, b: MatRef, i: usize, c_row: &mut [f32]) {
    for (j, out) in c_row.iter_mut().enumerate() {
        let b_row = &b.data[j * b.ld..j * b.ld + s.k];
        let dot: f32 = if a.trans {
            b_row
                .iter()
                .enumerate()
                .map(|(p, &v)| a.data[p * a.ld + i] * v)
                .sum()
        } else {
            let a_row = &a.data[i * a.ld..i * a.ld + s.k];
            a_row.iter().zip(b_row).map(|(&x, &y)| x * y).sum()
        };
        *out += s.alpha * dot;
    }
}
