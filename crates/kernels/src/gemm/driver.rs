//! The cache-blocked loops of the packed algorithm, for one rectangle of C on one thread.

use std::ops::Range;

use super::blocking::{MicroKernel, MAX_TILE};
use super::pack::{pack_block, packed_len, Block};
use super::scratch::PackBuffers;
use super::{GemmShape, MatRef};

/// Raw view of C[m, n] with row stride `ldc`, shared by the threads of one call, each of which
/// writes a disjoint rectangle.
#[derive(Clone, Copy)]
pub(crate) struct CMatrix {
    pub(crate) ptr: *mut f32,
    pub(crate) ldc: usize,
}

// SAFETY: a CMatrix is only built by `threads::gemm_packed` from a `&mut [f32]` that outlives
// the scoped threads, and each thread writes only its own rectangle of C.
unsafe impl Send for CMatrix {}
// SAFETY: as for Send; no two threads write the same element and none reads another's.
unsafe impl Sync for CMatrix {}

/// Computes the `rows` x `cols` rectangle of C <- alpha * op(A) * op(B) + beta * C.
///
/// # Safety
/// `a` and `b` must contain op(A) and op(B) of shape `s`, as `GemmShape::check` verifies.
/// `c.ptr` must be valid for reads and writes of element (i, j) at `i * c.ldc + j` for every i
/// in `rows` and j in `cols`. No other thread may access that rectangle during the call.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemm_rectangle(
    kernel: &MicroKernel,
    s: &GemmShape,
    a: MatRef,
    b: MatRef,
    c: CMatrix,
    rows: Range<usize>,
    cols: Range<usize>,
    scratch: &mut PackBuffers,
) {
    let b_t = b.transposed(); // op(B)^T [n, k], packed in slivers of nr columns of C
    for j0 in cols.clone().step_by(kernel.nc) {
        let width = kernel.nc.min(cols.end - j0);
        for p0 in (0..s.k).step_by(kernel.kc) {
            let depth = kernel.kc.min(s.k - p0);
            let b_block = Block {
                row0: j0,
                col0: p0,
                rows: width,
                depth,
            };
            let b_packed = scratch.b.get(packed_len(width, depth, kernel.nr));
            pack_block(
                b_t,
                b_block,
                kernel.nr,
                1.0,
                b_packed,
                kernel.pack_transposing,
            );
            // Later depth blocks add to what the first one wrote.
            let beta = if p0 == 0 { s.beta } else { 1.0 };
            for i0 in rows.clone().step_by(kernel.mc) {
                let height = kernel.mc.min(rows.end - i0);
                let a_block = Block {
                    row0: i0,
                    col0: p0,
                    rows: height,
                    depth,
                };
                let a_packed = scratch.a.get(packed_len(height, depth, kernel.mr));
                pack_block(
                    a,
                    a_block,
                    kernel.mr,
                    s.alpha,
                    a_packed,
                    kernel.pack_transposing,
                );
                let tile = c.ptr.add(i0 * c.ldc + j0);
                // SAFETY: the block [i0, i0 + height) x [j0, j0 + width) lies inside the
                // rectangle the caller owns, and the packed lengths match the block.
                macro_kernel(
                    kernel,
                    a_packed,
                    b_packed,
                    a_block,
                    width,
                    CMatrix {
                        ptr: tile,
                        ldc: c.ldc,
                    },
                    beta,
                );
            }
        }
    }
}

/// Runs the micro-kernel over every tile of one packed block of op(A) times one packed panel
/// of op(B), writing the `a_block.rows` x `width` block of C at `c`.
///
/// # Safety
/// `c` must be valid for reads and writes of that block, and the packed slices must have
/// `packed_len` elements for their block.
unsafe fn macro_kernel(
    kernel: &MicroKernel,
    a_packed: &[f32],
    b_packed: &[f32],
    a_block: Block,
    width: usize,
    c: CMatrix,
    beta: f32,
) {
    let (mr, nr, depth) = (kernel.mr, kernel.nr, a_block.depth);
    for (js, b_sliver) in b_packed.chunks_exact(depth * nr).enumerate() {
        let j = js * nr;
        let tile_cols = nr.min(width - j);
        for (is, a_sliver) in a_packed.chunks_exact(depth * mr).enumerate() {
            let i = is * mr;
            let tile_rows = mr.min(a_block.rows - i);
            let tile = c.ptr.add(i * c.ldc + j);
            if tile_rows == mr && tile_cols == nr {
                // SAFETY: the full mr x nr tile lies inside the block, and each sliver holds
                // depth * mr (depth * nr) elements, which is what the micro-kernel reads.
                (kernel.run)(
                    depth,
                    a_sliver.as_ptr(),
                    b_sliver.as_ptr(),
                    tile,
                    c.ldc,
                    beta,
                );
            } else {
                edge_tile(
                    kernel, a_sliver, b_sliver, tile, c.ldc, tile_rows, tile_cols, beta,
                );
            }
        }
    }
}

/// Computes a tile that is cut by the edge of C into a local buffer, then merges the
/// `rows` x `cols` part that exists into C.
///
/// # Safety
/// `c` must be valid for reads and writes of `rows` rows of `cols` elements, `ldc` apart.
#[allow(clippy::too_many_arguments)]
unsafe fn edge_tile(
    kernel: &MicroKernel,
    a_sliver: &[f32],
    b_sliver: &[f32],
    c: *mut f32,
    ldc: usize,
    rows: usize,
    cols: usize,
    beta: f32,
) {
    let depth = a_sliver.len() / kernel.mr;
    let mut local = [0.0f32; MAX_TILE];
    // SAFETY: `local` has MAX_TILE >= mr * nr elements, used with row stride nr.
    (kernel.run)(
        depth,
        a_sliver.as_ptr(),
        b_sliver.as_ptr(),
        local.as_mut_ptr(),
        kernel.nr,
        0.0,
    );
    for r in 0..rows {
        let computed = &local[r * kernel.nr..r * kernel.nr + cols];
        // SAFETY: row r of the tile has `cols` valid elements, which the caller guarantees.
        let out = std::slice::from_raw_parts_mut(c.add(r * ldc), cols);
        for (o, &v) in out.iter_mut().zip(computed) {
            *o = if beta == 0.0 { v } else { v + beta * *o };
        }
    }
}
