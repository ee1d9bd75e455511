//! Portable micro-kernel, used at `SimdLevel::Scalar` and wherever no SIMD kernel exists.
//! The compiler may still vectorize its fixed-size inner loops.

/// Rows of C per tile.
pub(crate) const MR: usize = 4;
/// Columns of C per tile.
pub(crate) const NR: usize = 8;

/// Computes one tile of C with portable code; see `blocking::MicroFn` for the contract.
///
/// # Safety
/// As for `blocking::MicroFn`.
pub(crate) unsafe fn micro(
    depth: usize,
    a: *const f32,
    b: *const f32,
    c: *mut f32,
    ldc: usize,
    beta: f32,
) {
    // SAFETY: the caller guarantees depth * MR floats at `a` and depth * NR at `b`.
    let a = std::slice::from_raw_parts(a, depth * MR);
    let b = std::slice::from_raw_parts(b, depth * NR);
    let mut acc = [[0.0f32; NR]; MR];
    for (a_step, b_step) in a.chunks_exact(MR).zip(b.chunks_exact(NR)) {
        for (acc_row, &a_value) in acc.iter_mut().zip(a_step) {
            for (out, &b_value) in acc_row.iter_mut().zip(b_step) {
                *out += a_value * b_value;
            }
        }
    }
    for (r, acc_row) in acc.iter().enumerate() {
        // SAFETY: the caller guarantees MR rows of NR writable floats, ldc apart.
        let c_row = std::slice::from_raw_parts_mut(c.add(r * ldc), NR);
        for (out, &value) in c_row.iter_mut().zip(acc_row) {
            *out = if beta == 0.0 {
                value
            } else {
                value + beta * *out
            };
        }
    }
}
