//! Helpers shared by the integration tests: a seeded generator and reference computations.
#![allow(dead_code)]

use pixelgan_kernels::{Engine, GemmShape};

/// Unit roundoff of f32, 2^-24.
pub const F32_UNIT_ROUNDOFF: f64 = 5.960_464_477_539_063e-8;

/// Deterministic xorshift64* generator, so every run tests the same numbers.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Returns a uniform value in [-1, 1).
    pub fn next_f32(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40; // 24 random bits
        (bits as f32 / (1u64 << 23) as f32) - 1.0
    }

    pub fn vec(&mut self, len: usize) -> Vec<f32> {
        (0..len).map(|_| self.next_f32()).collect()
    }
}

/// Returns every engine this CPU and build can run, one per SIMD level.
pub fn all_engines() -> Vec<Engine> {
    Engine::available_levels()
        .into_iter()
        .map(|level| Engine::with_level(level).expect("listed level is available"))
        .collect()
}

/// Returns the number of elements a strided matrix of `rows` x `cols` with stride `ld` needs.
pub fn strided_len(rows: usize, cols: usize, ld: usize) -> usize {
    if rows == 0 || cols == 0 {
        0
    } else {
        (rows - 1) * ld + cols
    }
}

/// Returns op(A)[i, p] for the shape's storage of A.
fn a_at(s: &GemmShape, a: &[f32], i: usize, p: usize) -> f64 {
    f64::from(if s.trans_a {
        a[p * s.lda + i]
    } else {
        a[i * s.lda + p]
    })
}

/// Returns op(B)[p, j] for the shape's storage of B.
fn b_at(s: &GemmShape, b: &[f32], p: usize, j: usize) -> f64 {
    f64::from(if s.trans_b {
        b[j * s.ldb + p]
    } else {
        b[p * s.ldb + j]
    })
}

/// Returns, for each element of the m x n result, the exact (f64) value of
/// alpha * op(A) * op(B) + beta * C and a bound on the f32 rounding error of any summation
/// order: (k + 3) u (|alpha| sum_p |a_ip b_pj| + |beta c_ij|), from the standard bound
/// |fl(sum) - sum| <= k u sum |terms| (Higham, Accuracy and Stability of Numerical
/// Algorithms, 2nd ed., section 3.1) plus one rounding each for alpha, beta and the final add.
/// With beta = 0, C is ignored, as the kernel's contract states.
pub fn reference_gemm(s: &GemmShape, a: &[f32], b: &[f32], c: &[f32]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(s.m * s.n);
    let rounding = (s.k + 3) as f64 * F32_UNIT_ROUNDOFF;
    for i in 0..s.m {
        for j in 0..s.n {
            let (mut sum, mut magnitude) = (0.0f64, 0.0f64);
            for p in 0..s.k {
                let term = a_at(s, a, i, p) * b_at(s, b, p, j);
                sum += term;
                magnitude += term.abs();
            }
            let alpha = f64::from(s.alpha);
            let mut value = alpha * sum;
            let mut bound = alpha.abs() * magnitude;
            if s.beta != 0.0 {
                let scaled_c = f64::from(s.beta) * f64::from(c[i * s.ldc + j]);
                value += scaled_c;
                bound += scaled_c.abs();
            }
            out.push((value, rounding * bound + f64::from(f32::MIN_POSITIVE)));
        }
    }
    out
}

/// Asserts that `got` (the C after the kernel) matches `expected` inside the shape, within
/// each element's bound, and equals `before` outside it.
pub fn assert_gemm_close(
    s: &GemmShape,
    got: &[f32],
    before: &[f32],
    expected: &[(f64, f64)],
    context: &str,
) {
    for i in 0..s.m {
        for j in 0..s.n {
            let (value, bound) = expected[i * s.n + j];
            let actual = f64::from(got[i * s.ldc + j]);
            let error = (actual - value).abs();
            assert!(
                error <= bound,
                "{}: C[{}, {}] = {} but expected {} (error {:e} > bound {:e})",
                context,
                i,
                j,
                actual,
                value,
                error,
                bound
            );
        }
    }
    for (index, (&after, &old)) in got.iter().zip(before).enumerate() {
        let inside = s.n > 0 && index / s.ldc < s.m && index % s.ldc < s.n;
        if !inside {
            assert!(
                after.to_bits() == old.to_bits(),
                "{}: element {} outside the shape changed from {} to {}",
                context,
                index,
                old,
                after
            );
        }
    }
}
