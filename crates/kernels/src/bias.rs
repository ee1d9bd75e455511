//! Bias addition and its gradient over the rows of a row-major matrix.

use crate::error::{check_finite, check_len, element_count, KernelError};

/// Adds `bias[c]` to `Y[r, c]` for the `rows` x `cols` matrix at the start of `y`.
///
/// Returns `LengthMismatch` if `y` has fewer than rows * cols elements or `bias` fewer than
/// cols, and `SizeOverflow` if rows * cols overflows.
pub fn add_bias(y: &mut [f32], bias: &[f32], rows: usize, cols: usize) -> Result<(), KernelError> {
    check_len("y", y.len(), element_count("y", rows, cols)?)?;
    check_len("bias", bias.len(), cols)?;
    if rows == 0 || cols == 0 {
        return Ok(());
    }
    let bias = &bias[..cols];
    for row in y[..rows * cols].chunks_exact_mut(cols) {
        for (out, &b) in row.iter_mut().zip(bias) {
            *out += b;
        }
    }
    Ok(())
}

/// Computes `db[c] = beta * db[c] + sum over r of dY[r, c]` for the `rows` x `cols` matrix
/// at the start of `dy`. With beta = 0, db is written without being read.
///
/// Returns `LengthMismatch` for a short `dy` or `db`, `SizeOverflow` if rows * cols
/// overflows, and `InvalidArgument` for a non-finite beta.
pub fn bias_grad(
    dy: &[f32],
    db: &mut [f32],
    rows: usize,
    cols: usize,
    beta: f32,
) -> Result<(), KernelError> {
    check_len("dy", dy.len(), element_count("dy", rows, cols)?)?;
    check_len("db", db.len(), cols)?;
    check_finite("beta", beta)?;
    let db = &mut db[..cols];
    if beta == 0.0 {
        db.iter_mut().for_each(|x| *x = 0.0);
    } else if beta != 1.0 {
        db.iter_mut().for_each(|x| *x *= beta);
    }
    if cols == 0 {
        return Ok(());
    }
    for row in dy[..rows * cols].chunks_exact(cols) {
        for (sum, &g) in db.iter_mut().zip(row) {
            *sum += g;
        }
    }
    Ok(())
}
