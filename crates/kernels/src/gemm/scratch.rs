//! Grow-only, cache-line-aligned buffers for packed operands.

/// Alignment of packed panels in bytes: one cache line, and the width of an AVX-512 vector.
const ALIGN_BYTES: usize = 64;

/// Extra elements allocated so that an aligned start always exists inside the buffer.
const ALIGN_SLACK: usize = ALIGN_BYTES / std::mem::size_of::<f32>();

/// A float buffer that hands out slices starting on a 64-byte boundary. It only grows, so a
/// buffer reused across calls of the same shape allocates once.
#[derive(Default)]
pub(crate) struct AlignedBuf {
    storage: Vec<f32>,
}

impl AlignedBuf {
    /// Returns `len` elements starting on a 64-byte boundary, growing the storage if needed.
    /// The contents are unspecified: callers overwrite what they read.
    pub(crate) fn get(&mut self, len: usize) -> &mut [f32] {
        let needed = len.saturating_add(ALIGN_SLACK);
        if self.storage.len() < needed {
            self.storage.resize(needed, 0.0);
        }
        let offset = self.storage.as_ptr().align_offset(ALIGN_BYTES);
        // align_offset may in principle report that no aligned start exists; use the
        // unaligned start then, which the kernels accept because they use unaligned loads.
        let start = if offset < ALIGN_SLACK { offset } else { 0 };
        &mut self.storage[start..start + len]
    }
}

/// Scratch of one thread of one matrix multiply: the packed block of op(A) and panel of op(B).
#[derive(Default)]
pub(crate) struct PackBuffers {
    pub(crate) a: AlignedBuf,
    pub(crate) b: AlignedBuf,
}
