//! Copies blocks of op(A) and op(B) into the k-major sliver layout the micro-kernels read.
//!
//! A packed block of X[rows, depth] is a sequence of slivers of `width` rows. Sliver s stores,
//! for each p in 0..depth, the `width` values X[s * width + r, p] for r in 0..width, so that a
//! micro-kernel reads one sliver front to back. Rows past the end of the block are zero, so the
//! micro-kernels never need a short sliver. A block of op(A)[m, k] is packed as X = op(A); a
//! panel of op(B)[k, n] as X = op(B)^T[n, k].

use super::MatRef;

impl<'a> MatRef<'a> {
    /// Returns the view of the transpose of this matrix, sharing the same storage.
    pub(crate) fn transposed(self) -> MatRef<'a> {
        MatRef {
            trans: !self.trans,
            ..self
        }
    }
}

/// Location of a block inside a matrix: its first row and column and its size.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    pub(crate) row0: usize,
    pub(crate) col0: usize,
    pub(crate) rows: usize,
    pub(crate) depth: usize,
}

/// Returns the number of elements a packed block of `rows` x `depth` occupies with slivers
/// of `width` rows.
pub(crate) fn packed_len(rows: usize, depth: usize, width: usize) -> usize {
    (rows + width - 1) / width * width * depth
}

/// Source of one sliver: `height` rows of X from (row0, col0) on.
#[derive(Clone, Copy)]
pub(crate) struct SliverSource<'a> {
    pub(crate) x: MatRef<'a>,
    pub(crate) row0: usize,
    pub(crate) col0: usize,
    pub(crate) height: usize,
}

/// Packs one sliver whose source rows run along the depth (X stored row-major), writing
/// `scale` times the values into `sliver` (`depth * width` elements) with zero padding.
pub(crate) type TransposingPackFn =
    fn(src: SliverSource, scale: f32, sliver: &mut [f32], width: usize);

/// Packs `scale` times the block of X at `block` into `dst` as slivers of `width` rows.
/// `dst` must hold `packed_len(block.rows, block.depth, width)` elements. Slivers of X
/// stored row-major are packed by `transposing`, which may use SIMD.
pub(crate) fn pack_block(
    x: MatRef,
    block: Block,
    width: usize,
    scale: f32,
    dst: &mut [f32],
    transposing: TransposingPackFn,
) {
    let sliver_len = block.depth * width;
    let slivers = dst[..packed_len(block.rows, block.depth, width)].chunks_exact_mut(sliver_len);
    for (s, sliver) in slivers.enumerate() {
        let src = SliverSource {
            x,
            row0: block.row0 + s * width,
            col0: block.col0,
            height: width.min(block.rows - s * width),
        };
        if x.trans {
            pack_sliver_contiguous(src, scale, sliver, width);
        } else {
            transposing(src, scale, sliver, width);
        }
    }
}

/// Packs a sliver of X stored transposed, where the `height` values for one p are contiguous
/// in storage: each step copies part of one stored row.
fn pack_sliver_contiguous(src: SliverSource, scale: f32, sliver: &mut [f32], width: usize) {
    let x = src.x;
    for (p, out) in sliver.chunks_exact_mut(width).enumerate() {
        let start = (src.col0 + p) * x.ld + src.row0;
        let values = &x.data[start..start + src.height];
        for (o, &v) in out.iter_mut().zip(values) {
            *o = scale * v;
        }
        out[src.height..].iter_mut().for_each(|o| *o = 0.0);
    }
}

/// Number of depth steps handled per pass in `pack_sliver_transposing`, so that the
/// destination lines being filled (this many, each `width` floats) stay in the L1 cache.
const TRANSPOSE_DEPTH_CHUNK: usize = 64;

/// Packs a sliver with portable code, as a `TransposingPackFn`: each stored row scatters into
/// one column of the sliver.
pub(crate) fn pack_sliver_transposing(
    src: SliverSource,
    scale: f32,
    sliver: &mut [f32],
    width: usize,
) {
    let x = src.x;
    let depth = sliver.len() / width;
    let mut p0 = 0;
    while p0 < depth {
        let chunk = TRANSPOSE_DEPTH_CHUNK.min(depth - p0);
        let out_chunk = &mut sliver[p0 * width..(p0 + chunk) * width];
        for r in 0..src.height {
            let start = (src.row0 + r) * x.ld + src.col0 + p0;
            let values = &x.data[start..start + chunk];
            for (out, &v) in out_chunk.chunks_exact_mut(width).zip(values) {
                out[r] = scale * v;
            }
        }
        for out in out_chunk.chunks_exact_mut(width) {
            out[src.height..].iter_mut().for_each(|o| *o = 0.0);
        }
        p0 += chunk;
    }
}
