//! General matrix multiply, C <- alpha * op(A) * op(B) + beta * C, on row-major f32 matrices.
//!
//! Large products run the packed, cache-blocked algorithm of `driver`, after Goto and van de
//! Geijn, "Anatomy of High-Performance Matrix Multiplication", ACM TOMS 2008. op(B) is copied
//! panel by panel into k-major slivers of the micro-kernel's width, and op(A) likewise block by
//! block. A register-blocked micro-kernel for the engine's SIMD level then computes one tile of
//! C at a time. Small products skip the copies and run the loops of `direct`.

mod blocking;
mod direct;
mod driver;
mod kernel_avx2;
mod kernel_avx512;
mod kernel_neon;
mod kernel_scalar;
mod kernel_wasm;
mod pack;
mod pack_x86;
pub(crate) mod scratch;
mod threads;

pub(crate) use threads::DEFAULT_MIN_WORK_PER_THREAD;

use crate::engine::Engine;
use crate::error::{check_finite, check_strided, KernelError};

/// Shape, strides and scaling of C <- alpha * op(A) * op(B) + beta * C.
///
/// All matrices are row-major: element (r, c) of a matrix with row stride `ld` is at index
/// `r * ld + c`. op(A) is [m, k] and is A itself, stored as [m, k] with `lda >= k`, or, when
/// `trans_a`, the transpose of A stored as [k, m] with `lda >= m`. Likewise op(B) is [k, n], B
/// stored as [k, n] with `ldb >= n`, or when `trans_b` B stored as [n, k] with `ldb >= k`.
/// C is [m, n] with `ldc >= n`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GemmShape {
    /// Rows of op(A) and of C.
    pub m: usize,
    /// Columns of op(B) and of C.
    pub n: usize,
    /// Columns of op(A) and rows of op(B).
    pub k: usize,
    pub trans_a: bool,
    pub trans_b: bool,
    pub alpha: f32,
    /// When 0, C is written without being read, so NaN or garbage in C does not propagate.
    pub beta: f32,
    /// Row stride of A as stored, in elements.
    pub lda: usize,
    /// Row stride of B as stored, in elements.
    pub ldb: usize,
    /// Row stride of C, in elements.
    pub ldc: usize,
}

impl GemmShape {
    /// Creates a shape for matrices stored without padding between rows: `lda` is k (m when
    /// `trans_a`), `ldb` is n (k when `trans_b`) and `ldc` is n.
    pub fn contiguous(
        m: usize,
        n: usize,
        k: usize,
        trans_a: bool,
        trans_b: bool,
        alpha: f32,
        beta: f32,
    ) -> GemmShape {
        GemmShape {
            m,
            n,
            k,
            trans_a,
            trans_b,
            alpha,
            beta,
            lda: if trans_a { m } else { k },
            ldb: if trans_b { k } else { n },
            ldc: n,
        }
    }

    /// Returns the (rows, cols) of A as stored.
    fn a_stored(&self) -> (usize, usize) {
        if self.trans_a {
            (self.k, self.m)
        } else {
            (self.m, self.k)
        }
    }

    /// Returns the (rows, cols) of B as stored.
    fn b_stored(&self) -> (usize, usize) {
        if self.trans_b {
            (self.n, self.k)
        } else {
            (self.k, self.n)
        }
    }

    /// Checks alpha, beta, the strides and that the slices hold their matrices.
    pub(crate) fn check(
        &self,
        a_len: usize,
        b_len: usize,
        c_len: usize,
    ) -> Result<(), KernelError> {
        check_finite("alpha", self.alpha)?;
        check_finite("beta", self.beta)?;
        let (a_rows, a_cols) = self.a_stored();
        check_strided("A", a_len, a_rows, a_cols, self.lda)?;
        let (b_rows, b_cols) = self.b_stored();
        check_strided("B", b_len, b_rows, b_cols, self.ldb)?;
        check_strided("C", c_len, self.m, self.n, self.ldc)
    }
}

/// Read-only view of a matrix X[rows, cols] stored row-major as `data` with row stride `ld`,
/// or, when `trans`, stored transposed as [cols, rows].
#[derive(Clone, Copy)]
pub(crate) struct MatRef<'a> {
    pub(crate) data: &'a [f32],
    pub(crate) ld: usize,
    pub(crate) trans: bool,
}

impl Engine {
    /// Computes C <- alpha * op(A) * op(B) + beta * C for the shape and strides in `s`.
    ///
    /// Only the m x n elements of C inside the shape are written, and slices longer than the
    /// shape needs are fine. With beta = 0, C is written without being read, so NaN in C does
    /// not propagate. With alpha = 0 or k = 0, A and B are not read and C becomes beta * C.
    /// The sum over k is rounded in an order that depends on the SIMD level, the blocking and
    /// the thread count, so results match a plain loop only to float32 rounding.
    ///
    /// Returns `LengthMismatch` if a slice is too short, `SizeOverflow` if a dimension times its
    /// stride overflows `usize`, and `InvalidArgument` for a stride below its row length or a
    /// non-finite alpha or beta. C is unchanged when an error is returned.
    pub fn gemm(
        &self,
        s: &GemmShape,
        a: &[f32],
        b: &[f32],
        c: &mut [f32],
    ) -> Result<(), KernelError> {
        s.check(a.len(), b.len(), c.len())?;
        if s.m == 0 || s.n == 0 {
            return Ok(());
        }
        if s.k == 0 || s.alpha == 0.0 {
            scale_c(s, c);
            return Ok(());
        }
        let a = MatRef {
            data: a,
            ld: s.lda,
            trans: s.trans_a,
        };
        let b = MatRef {
            data: b,
            ld: s.ldb,
            trans: s.trans_b,
        };
        if direct::is_small(s) {
            direct::gemm_direct(s, a, b, c);
            return Ok(());
        }
        threads::gemm_packed(self, s, a, b, c);
        Ok(())
    }
}

/// C <- beta * C over the m x n elements of the shape; beta = 0 writes zeros without reading.
fn scale_c(s: &GemmShape, c: &mut [f32]) {
    for row in c.chunks_mut(s.ldc).take(s.m) {
        let row = &mut row[..s.n];
        if s.beta == 0.0 {
            row.iter_mut().for_each(|x| *x = 0.0);
        } else {
            row.iter_mut().for_each(|x| *x *= s.beta);
        }
    }
}
