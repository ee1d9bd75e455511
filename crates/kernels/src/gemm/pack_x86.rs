//! AVX2 packing of slivers whose source rows run along the depth, as op(B) in the NT forward
//! product and op(A) in NN and NT: 8 x 8 blocks are transposed in registers instead of
//! scattered one float at a time.
#![cfg(target_arch = "x86_64")]

use core::arch::x86_64::{
    __m256, _mm256_loadu_ps, _mm256_mul_ps, _mm256_permute2f128_ps, _mm256_set1_ps,
    _mm256_shuffle_ps, _mm256_storeu_ps, _mm256_unpackhi_ps, _mm256_unpacklo_ps,
};

use super::pack::{pack_sliver_transposing, SliverSource};

/// Rows and depth steps of one register transpose.
const BLOCK: usize = 8;

/// Packs a sliver like `pack::pack_sliver_transposing`, using AVX2 for every full 8 x 8 block
/// when the CPU has it and scalar code for the rest.
pub(crate) fn pack_sliver_transposing_avx2(
    src: SliverSource,
    scale: f32,
    sliver: &mut [f32],
    width: usize,
) {
    let depth = sliver.len() / width;
    let full_rows = src.height / BLOCK * BLOCK;
    let full_depth = depth / BLOCK * BLOCK;
    if full_rows == 0 || full_depth == 0 || width % BLOCK != 0 || !is_x86_feature_detected!("avx2")
    {
        pack_sliver_transposing(src, scale, sliver, width);
        return;
    }
    for r in (0..full_rows).step_by(BLOCK) {
        // The last row of the block must hold `depth` values from col0 on.
        let last_start = (src.row0 + r + BLOCK - 1) * src.x.ld + src.col0;
        let first_start = (src.row0 + r) * src.x.ld + src.col0;
        let rows = &src.x.data[first_start..last_start + depth];
        for p in (0..full_depth).step_by(BLOCK) {
            let out = &mut sliver[p * width + r..(p + BLOCK - 1) * width + r + BLOCK];
            // SAFETY: AVX2 was detected above. `rows` contains 8 rows of `depth` values, `ld`
            // apart, and p + 8 <= depth. `out` contains 8 rows of 8 values, `width` apart.
            unsafe {
                transpose_block(
                    rows.as_ptr().add(p),
                    src.x.ld,
                    scale,
                    out.as_mut_ptr(),
                    width,
                )
            };
        }
    }
    pack_remainder(src, scale, sliver, width, full_rows, full_depth);
}

/// Packs what the 8 x 8 blocks left out: the depth steps past `full_depth` of the first
/// `full_rows` rows, then every step of the rows past `full_rows`, and the zero padding.
fn pack_remainder(
    src: SliverSource,
    scale: f32,
    sliver: &mut [f32],
    width: usize,
    full_rows: usize,
    full_depth: usize,
) {
    let depth = sliver.len() / width;
    for r in 0..src.height {
        let p_start = if r < full_rows { full_depth } else { 0 };
        let start = (src.row0 + r) * src.x.ld + src.col0;
        let row = &src.x.data[start + p_start..start + depth];
        for (out, &v) in sliver[p_start * width..].chunks_exact_mut(width).zip(row) {
            out[r] = scale * v;
        }
    }
    for out in sliver.chunks_exact_mut(width) {
        out[src.height..].iter_mut().for_each(|o| *o = 0.0);
    }
}

/// Writes `scale` times the transpose of the 8 x 8 block at `src` (rows `ld` apart) to `dst`
/// (rows `ld_dst` apart).
///
/// # Safety
/// The CPU must support AVX2, `src` must be readable for 8 rows of 8 floats `ld` apart, and
/// `dst` writable for 8 rows of 8 floats `ld_dst` apart.
#[target_feature(enable = "avx2")]
unsafe fn transpose_block(src: *const f32, ld: usize, scale: f32, dst: *mut f32, ld_dst: usize) {
    let row = |i: usize| _mm256_loadu_ps(src.add(i * ld));
    let (r0, r1, r2, r3) = (row(0), row(1), row(2), row(3));
    let (r4, r5, r6, r7) = (row(4), row(5), row(6), row(7));

    // Interleave pairs of rows, then quads, then swap 128-bit halves (the standard AVX 8 x 8
    // transpose): column q ends up in columns[q].
    let (t0, t1) = (_mm256_unpacklo_ps(r0, r1), _mm256_unpackhi_ps(r0, r1));
    let (t2, t3) = (_mm256_unpacklo_ps(r2, r3), _mm256_unpackhi_ps(r2, r3));
    let (t4, t5) = (_mm256_unpacklo_ps(r4, r5), _mm256_unpackhi_ps(r4, r5));
    let (t6, t7) = (_mm256_unpacklo_ps(r6, r7), _mm256_unpackhi_ps(r6, r7));
    let (u0, u1) = (
        _mm256_shuffle_ps::<0x44>(t0, t2),
        _mm256_shuffle_ps::<0xEE>(t0, t2),
    );
    let (u2, u3) = (
        _mm256_shuffle_ps::<0x44>(t1, t3),
        _mm256_shuffle_ps::<0xEE>(t1, t3),
    );
    let (u4, u5) = (
        _mm256_shuffle_ps::<0x44>(t4, t6),
        _mm256_shuffle_ps::<0xEE>(t4, t6),
    );
    let (u6, u7) = (
        _mm256_shuffle_ps::<0x44>(t5, t7),
        _mm256_shuffle_ps::<0xEE>(t5, t7),
    );
    let columns: [__m256; BLOCK] = [
        _mm256_permute2f128_ps::<0x20>(u0, u4),
        _mm256_permute2f128_ps::<0x20>(u1, u5),
        _mm256_permute2f128_ps::<0x20>(u2, u6),
        _mm256_permute2f128_ps::<0x20>(u3, u7),
        _mm256_permute2f128_ps::<0x31>(u0, u4),
        _mm256_permute2f128_ps::<0x31>(u1, u5),
        _mm256_permute2f128_ps::<0x31>(u2, u6),
        _mm256_permute2f128_ps::<0x31>(u3, u7),
    ];

    let scale = _mm256_set1_ps(scale);
    for (q, &column) in columns.iter().enumerate() {
        _mm256_storeu_ps(dst.add(q * ld_dst), _mm256_mul_ps(column, scale));
    }
}
