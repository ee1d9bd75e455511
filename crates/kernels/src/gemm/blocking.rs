//! Micro-kernel and cache block sizes for each SIMD level.
//!
//! The packed algorithm keeps one sliver of op(B) (kc x nr) in the L1 cache while the
//! micro-kernel sweeps the slivers of an op(A) block (mc x kc), which stays in L2. One packed
//! panel of op(B) (kc x nc) stays in L2 or L3.
//!
//! The x86_64 sizes were chosen on a Zen 4 core (32 KiB L1d, 1 MiB L2) with
//! examples/gemm_speed.rs: at the 768-wide shapes, kc = 128 or 384 and nc = 256 or 1024 were no
//! faster. NOTE: the NEON sizes are copied from x86_64 and were never measured on an ARM CPU.

use super::pack::{pack_sliver_transposing, TransposingPackFn};
use crate::engine::SimdLevel;

/// Computes `c[mr, nr] <- a_sliver^T * b_sliver + beta * c` over `depth` steps, where the
/// slivers are packed by `pack::pack_block` and `beta == 0` writes c without reading it.
///
/// # Safety
/// `a` must point to `depth * mr` readable floats, `b` to `depth * nr`, and `c` must be valid
/// for reads and writes of `mr` rows of `nr` floats that start `ldc` floats apart.
pub(crate) type MicroFn =
    unsafe fn(depth: usize, a: *const f32, b: *const f32, c: *mut f32, ldc: usize, beta: f32);

/// Largest `mr * nr` of any micro-kernel, the size of the local tile used at the edges of C.
pub(crate) const MAX_TILE: usize = 512;

/// A micro-kernel with its tile size (mr x nr) and cache block sizes (kc, mc, nc).
#[derive(Clone, Copy)]
pub(crate) struct MicroKernel {
    pub(crate) mr: usize,
    pub(crate) nr: usize,
    /// Depth of a packed block: op(A) is packed mc x kc, op(B) kc x nc.
    pub(crate) kc: usize,
    pub(crate) mc: usize,
    pub(crate) nc: usize,
    pub(crate) run: MicroFn,
    /// Packs slivers of operands stored along the depth (op(A) in NN and NT, op(B) in NT).
    pub(crate) pack_transposing: TransposingPackFn,
}

/// Returns the micro-kernel of `level`, or the scalar one when this build lacks the level.
pub(crate) fn micro_kernel(level: SimdLevel) -> MicroKernel {
    match level {
        #[cfg(all(target_arch = "x86_64", pixelgan_avx512))]
        SimdLevel::Avx512 => MicroKernel {
            mr: super::kernel_avx512::MR,
            nr: super::kernel_avx512::NR,
            kc: 256,
            mc: 128,
            nc: 512,
            run: super::kernel_avx512::micro,
            pack_transposing: super::pack_x86::pack_sliver_transposing_avx2,
        },
        #[cfg(target_arch = "x86_64")]
        SimdLevel::Avx2Fma => MicroKernel {
            mr: super::kernel_avx2::MR,
            nr: super::kernel_avx2::NR,
            kc: 256,
            mc: 96,
            nc: 512,
            run: super::kernel_avx2::micro,
            pack_transposing: super::pack_x86::pack_sliver_transposing_avx2,
        },
        #[cfg(all(target_arch = "aarch64", target_feature = "neon"))]
        SimdLevel::Neon => MicroKernel {
            mr: super::kernel_neon::MR,
            nr: super::kernel_neon::NR,
            kc: 256,
            mc: 128,
            nc: 512,
            run: super::kernel_neon::micro,
            pack_transposing: pack_sliver_transposing,
        },
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        SimdLevel::Simd128 => MicroKernel {
            mr: super::kernel_wasm::MR,
            nr: super::kernel_wasm::NR,
            kc: 256,
            mc: 128,
            nc: 512,
            run: super::kernel_wasm::micro,
            pack_transposing: pack_sliver_transposing,
        },
        _ => MicroKernel {
            mr: super::kernel_scalar::MR,
            nr: super::kernel_scalar::NR,
            kc: 256,
            mc: 128,
            nc: 512,
            run: super::kernel_scalar::micro,
            pack_transposing: pack_sliver_transposing,
        },
    }
}
